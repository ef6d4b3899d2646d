package io.vehicle.idl.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vehicle.idl.assistant.v1.AssistantGrpcService;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.gateway.v1.GatewayGrpcService;
import io.vehicle.idl.kuksa.val.v2.VALGrpcService;
import io.vehicle.idl.simulator.v1.SimulatorControlGrpcService;
import io.vehicle.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .proto files as a Python client sees them: compiled by the old protoc bundled in Debian's
 * python3-grpc-tools, loaded by Debian's protobuf runtime, and used by a grpcio client against our
 * Vert.x server. Skipped without python3-grpcio/python3-grpc-tools, failed instead when CI=true.
 */
class PythonGrpcClientTest {

    private static final Path PROTO_ROOT = Path.of("src", "main", "proto").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    static Path generated;

    /** What protoc printed; it must say nothing (no errors, no warnings such as unused imports). */
    private static String protocOutput;

    @BeforeAll
    static void generatePythonCode() throws Exception {
        ExternalTools.requirePythonGrpc();
        List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON, "-m", "grpc_tools.protoc",
                "-I" + PROTO_ROOT, "--python_out=" + generated, "--grpc_python_out=" + generated));
        protoFiles().forEach(file -> command.add(PROTO_ROOT.relativize(file).toString()));
        Run protoc = run(command, PROTO_ROOT);
        assertThat(protoc.exitCode()).as("protoc failed:\n%s", protoc.output()).isZero();
        protocOutput = protoc.output();
    }

    @Test
    @DisplayName("every .proto compiles with python3-grpc-tools' old protoc, silently, to modules and stubs")
    void everyFileCompiles() throws IOException {
        assertThat(protocOutput).isEmpty();
        for (Path proto : protoFiles()) {
            String module = PROTO_ROOT.relativize(proto).toString().replaceAll("\\.proto$", "");
            assertThat(generated.resolve(module + "_pb2.py")).as(module).isRegularFile();
            assertThat(generated.resolve(module + "_pb2_grpc.py")).as(module).isRegularFile();
        }
        assertThat(Files.readString(generated.resolve("kuksa/val/v2/val_pb2_grpc.py"))).contains("class VALStub");
    }

    @Test
    @DisplayName("Debian's Python protobuf runtime loads every module with the rpcs Java sees")
    void pythonSeesTheSameServices() throws Exception {
        Run listing = python("list_services.py", generated.toString());
        assertThat(listing.exitCode()).as(listing.output()).isZero();

        List<ServiceDescriptor> services = new ArrayList<>(VehicleCatalog.services());
        services.addAll(List.of(VALGrpcService.SERVICE_DESCRIPTOR, GatewayGrpcService.SERVICE_DESCRIPTOR,
                AssistantGrpcService.SERVICE_DESCRIPTOR, SimulatorControlGrpcService.SERVICE_DESCRIPTOR));
        List<String> expected = services.stream().flatMap(s -> s.getMethods().stream())
                .map(PythonGrpcClientTest::describe).toList();
        assertThat(listing.output().lines().toList()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @DisplayName("a grpcio client calls the Vert.x VAL stubs: values, timestamps, streams and NOT_FOUND statuses")
    void grpcioClientAgainstVertxServer() throws Exception {
        try (LoopbackGrpcServer server = LoopbackGrpcServer.start(VALGrpcService.of(new FixedValService()))) {
            Run client = python("kuksa_val_client.py", Integer.toString(server.port()));
            assertThat(client.exitCode()).as(client.output()).isZero();
            assertThat(client.output().lines().toList()).containsExactly(
                    "server_info " + FixedValService.SERVER_NAME,
                    "get_value int32 -40 " + FixedValService.SAMPLED.getSeconds() + " "
                            + FixedValService.SAMPLED.getNanos(),
                    "get_unknown NOT_FOUND no signal Vehicle.Nope",
                    "update Vehicle.Speed float 42.5",
                    "update Vehicle.TraveledDistance uint64 10000000000",
                    "subscribe_unknown NOT_FOUND no signal Vehicle.Nope");
        }
    }

    private static String describe(MethodDescriptor method) {
        String shape = method.isClientStreaming()
                ? (method.isServerStreaming() ? "bidi" : "client_stream")
                : (method.isServerStreaming() ? "server_stream" : "unary");
        return method.getService().getFullName() + "/" + method.getName() + " " + shape;
    }

    private static List<Path> protoFiles() throws IOException {
        try (Stream<Path> files = Files.walk(PROTO_ROOT)) {
            return files.filter(f -> f.toString().endsWith(".proto")).sorted().toList();
        }
    }

    private static Run python(String script, String argument) throws Exception {
        return run(List.of(ExternalTools.PYTHON, ExternalTools.PYTHON_SCRIPTS.resolve(script).toString(), argument),
                generated);
    }

    private record Run(int exitCode, String output) {
    }

    /**
     * Runs a command with stdout and stderr in one file (no pipe to block on) and the generated code on
     * PYTHONPATH; fails the test if it does not end in time.
     */
    private static Run run(List<String> command, Path directory) throws Exception {
        Path output = Files.createTempFile(generated, "output", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PYTHONPATH", generated.toString());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
