package io.vehicle.launcher.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vehicle.bridge.auth.PemKeys;
import io.vehicle.bridge.auth.TokenMinter;
import io.vehicle.idl.simulator.v1.GetValuesRequest;
import io.vehicle.idl.simulator.v1.PlantValue;
import io.vehicle.idl.simulator.v1.SimulatorControlGrpcClient;
import io.vehicle.launcher.process.ChildJvm;
import io.vehicle.testing.Await;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.Repository;
import io.vehicle.testing.TestPorts;
import io.vehicle.testing.ToolProcess;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path end to end, every part a process of its own as a user runs them: {@code vehicle simulator}
 * (the whole car, its clock at 30 simulated seconds per second, control API on), {@code vehicle bridge} (the
 * shipped default policy, authorization on, JSON logs), the Python and Node.js clients of clients/, and
 * {@code vehicle signals}. What the clients
 * are told is checked against the simulator's plant through its control API, not against the bridge.
 * Skipped without python3-grpcio or node, failed when CI=true.
 */
class CarEndToEndTest {

    static final Path PROTO = Repository.path("idl/src/main/proto");
    static final Path PYTHON_CLIENT = Repository.path("clients/python/bridge_client.py");
    static final Path NODE_PACKAGE = Repository.path("clients/node");
    static final String SETPOINT = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final String CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    static final String VOLUME = "Vehicle.Cabin.Infotainment.Media.Volume";

    @TempDir
    static Path dir;
    static Path stubs;
    static ToolProcess simulator;
    static ToolProcess bridge;
    static int grpcPort;
    static TokenMinter minter;
    static Vertx vertx;
    static SimulatorControlGrpcClient control;

    @BeforeAll
    static void start() throws Exception {
        ExternalTools.requirePythonGrpc();
        ExternalTools.requireNodePackages(NODE_PACKAGE);
        stubs = Files.createDirectories(dir.resolve("stubs"));
        ExternalTools.run(List.of(ExternalTools.PYTHON, "-m", "grpc_tools.protoc", "-I" + PROTO,
                "--python_out=" + stubs, "--grpc_python_out=" + stubs, "kuksa/val/v2/types.proto",
                "kuksa/val/v2/val.proto", "vehicle/gateway/v1/gateway.proto", "vehicle/signal/v1/signal_options.proto"));
        KeyPair keys = PemKeys.generate("ec");
        PemKeys.write(dir.resolve("bridge-public.pem"), keys.getPublic());
        minter = new TokenMinter(keys.getPrivate());

        String sdPort = Integer.toString(TestPorts.sdPort(14));
        simulator = ToolProcess.start(ChildJvm.command(List.of(), List.of("simulator", "--sd-port", sdPort,
                "--someip-port", "0", "--fast-sd", "--rate", "30", "--control-port", "0", "--progress-interval", "0")),
                dir);
        String controlLine = simulator.awaitStdout(l -> l.startsWith("control API"), 60, "the control API's address");
        simulator.awaitStdout(l -> l.startsWith("running"), 30, "running");
        bridge = ToolProcess.start(ChildJvm.command(List.of(), List.of("bridge", "--port", "0", "--http-port", "0",
                "--public-key", dir.resolve("bridge-public.pem").toString(), "--audit",
                dir.resolve("audit.jsonl").toString(), "--unicast", "127.0.0.2", "--sd-port", sdPort, "--fast-sd",
                "--log-format", "json")), dir);
        String started = bridge.awaitStdout(l -> l.startsWith("bridge: gRPC on"), 60, "the bridge's start line");
        grpcPort = port(started, "gRPC on 127\\.0\\.0\\.1:(\\d+)");
        int httpPort = port(started, "http://127\\.0\\.0\\.1:(\\d+)/health");
        Await.until(() -> "not every ECU of the car is available to the bridge: " + health(httpPort),
                Duration.ofSeconds(60), () -> StreamSupport.stream(health(httpPort).get("ecus").spliterator(), false)
                        .allMatch(ecu -> ecu.get("available").asBoolean()));

        vertx = Vertx.vertx();
        control = SimulatorControlGrpcClient.create(GrpcClient.client(vertx),
                SocketAddress.inetSocketAddress(port(controlLine, ":(\\d+)$"), "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        for (ToolProcess process : new ToolProcess[] {bridge, simulator}) {
            if (process != null) {
                process.process().toHandle().destroy(); // SIGTERM: the simulator's ECUs send StopOffer
                process.awaitExit(30);
                process.close();
            }
        }
    }

    static int port(String line, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(line);
        assertThat(matcher.find()).as(line).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    static JsonNode health(int httpPort) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("GET /health", e);
        }
    }

    /** The simulator's own value of a plant signal, through its control API. */
    static PlantValue plant(String path) throws Exception {
        return control.getValues(GetValuesRequest.newBuilder().addPatterns(path).build()).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS).getValues(0);
    }

    static String token(String subject, String scope) {
        return minter.mint(subject, "", scope, Instant.now(), Duration.ofMinutes(10));
    }

    record Run(int exit, String output) {
    }

    static Run client(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", stubs.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(String.join(" ", command) + " ends").isTrue();
        return new Run(process.exitValue(), output);
    }

    static Run python(String token, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON, PYTHON_CLIENT.toString(), "--port",
                Integer.toString(grpcPort), "--token", token));
        command.addAll(List.of(arguments));
        return client(command);
    }

    static Run node(String token, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", NODE_PACKAGE.resolve("bridge_client.js").toString(),
                "--port", Integer.toString(grpcPort), "--token", token));
        command.addAll(List.of(arguments));
        return client(command);
    }

    @Test
    @DisplayName("Python: subscribe, set the HVAC setpoint, CONFIRMED, the simulated cabin temperature follows")
    void pythonClimate() throws Exception {
        float before = plant(SETPOINT).getValue().getFloat();
        float setpoint = before + 3; // within the shipped policy's 4 degrees per write
        Run run = python(token("assistant", "read actuate:Vehicle.Cabin.HVAC"), "climate", Float.toString(setpoint));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("write " + SETPOINT + " CONFIRMED " + plain(setpoint))
                .contains("outcome CONFIRMED");
        Matcher moved = Pattern.compile("cabin_start (\\S+)\\s+(?s).*cabin_moved toward (\\S+)").matcher(run.output());
        assertThat(moved.find()).as(run.output()).isTrue();
        double start = Double.parseDouble(moved.group(1));
        double seen = Double.parseDouble(moved.group(2));
        assertThat(seen).isGreaterThanOrEqualTo(start + 1.0);

        assertThat(plant(SETPOINT).getValue().getFloat()).as("the simulator's HVAC holds the setpoint").isEqualTo(setpoint);
        assertThat(plant(CABIN).getValue().getFloat()).as("the plant's cabin is where the client saw it, or warmer")
                .isGreaterThanOrEqualTo((float) seen - 0.05f);
    }

    @Test
    @DisplayName("Node.js: list and a set the simulator's head unit confirms")
    void nodeSet() throws Exception {
        String token = token("node-app", "read actuate:Vehicle.Cabin.Infotainment");
        long before = plant(VOLUME).getValue().getUint32();
        long target = before == 50 ? 40 : 50;
        Run list = node(token, "list", "Vehicle.Cabin.Infotainment.Media");
        assertThat(list.output()).contains("signal " + VOLUME + " UINT8 percent AVAILABLE " + before);
        Run set = node(token, "set", VOLUME, Long.toString(target));
        assertThat(set.exit()).as(set.output()).isZero();
        assertThat(set.output()).contains("write " + VOLUME + " CONFIRMED " + target).contains("outcome CONFIRMED");
        assertThat(plant(VOLUME).getValue().getUint32()).isEqualTo((int) target);

        Run refused = node(token, "set", VOLUME, "95");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.output()).contains("DENIED_BY_POLICY").contains("volume");
        assertThat(plant(VOLUME).getValue().getUint32()).isEqualTo((int) target);
    }

    @Test
    @DisplayName("vehicle signals: get, set (CONFIRMED, the simulator holds it) and watch through the bridge")
    void signalsCommand() throws Exception {
        String token = token("cli", "read actuate:Vehicle.Cabin.HVAC");
        String recirculation = "Vehicle.Cabin.HVAC.IsRecirculationActive";
        String port = Integer.toString(grpcPort);
        boolean target = !plant(recirculation).getValue().getBool();
        BridgeCommandTest.Run set = BridgeCommandTest.vehicle("signals", "set", "--port", port, "--token", token,
                recirculation, Boolean.toString(target));
        assertThat(set.exit()).as(set.out()).isZero();
        assertThat(set.out()).contains(recirculation + ": CONFIRMED " + target);
        assertThat(plant(recirculation).getValue().getBool()).isEqualTo(target);
        BridgeCommandTest.Run get = BridgeCommandTest.vehicle("signals", "get", "--port", port, "--token", token,
                recirculation);
        assertThat(get.out()).startsWith(recirculation + " = " + target);
        BridgeCommandTest.Run watch = BridgeCommandTest.vehicle("signals", "watch", "--port", port, "--token", token,
                "--count", "1", CABIN);
        assertThat(watch.exit()).as(watch.out()).isZero();
        assertThat(watch.out()).startsWith(CABIN + " = ");
    }

    @Test
    @DisplayName("--log-format json: the bridge logs one JSON object per line on stderr")
    void jsonLogs() throws Exception {
        String logged = bridge.awaitStderr(l -> l.contains("Bridge serving"), 30, "the bridge's start, logged");
        JsonNode line = new ObjectMapper().readTree(logged);
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("loggerName").asText()).isEqualTo("io.vehicle.bridge.server.Bridge");
        assertThat(line.get("message").asText()).startsWith("Bridge serving");
    }

    static String plain(float value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Float.toString(value);
    }
}
