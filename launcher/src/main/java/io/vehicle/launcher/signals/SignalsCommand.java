package io.vehicle.launcher.signals;

import io.vehicle.bridge.client.BridgeCallException;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.GetSignalsRequest;
import io.vehicle.idl.gateway.v1.ListSignalsRequest;
import io.vehicle.idl.gateway.v1.SignalInfo;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.SubscribeRequest;
import io.vehicle.idl.gateway.v1.WriteOutcome;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResponse;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.kuksa.val.v2.DataType;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vehicle signals}: a terminal client of the bridge's gateway API. */
@Command(name = "signals", mixinStandardHelpOptions = true,
        subcommands = {SignalsCommand.ListSignals.class, SignalsCommand.Get.class, SignalsCommand.Watch.class,
                SignalsCommand.Set.class},
        description = {"Lists, reads, watches and writes vehicle signals through a running bridge "
                + "(vehicle.gateway.v1 over gRPC). Writes report whether the ECU confirmed them.",
                "The token comes from --token, --token-file or the environment variable BRIDGE_TOKEN."})
public final class SignalsCommand {

    static final long TIMEOUT_SECONDS = 30;

    /** Where the bridge is and who is asking. */
    static final class Connection {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bridge address (default 127.0.0.1).")
        String host;

        @Option(names = "--port", defaultValue = "55555", description = "Bridge gRPC port (default 55555).")
        int port;

        @Option(names = "--token", description = "Access token (JWT).")
        String token;

        @Option(names = "--token-file", description = "File holding the access token.")
        Path tokenFile;

        /** Runs the call; a refusal by the bridge becomes a message on stderr and exit code 1. */
        int run(ClientCall call) throws Exception {
            String jwt = token;
            if (jwt == null && tokenFile != null) {
                jwt = Files.readString(tokenFile).strip();
            }
            if (jwt == null) {
                jwt = System.getenv("BRIDGE_TOKEN");
            }
            Vertx vertx = Vertx.vertx();
            try (BridgeClient client = BridgeClient.connect(vertx, host, port, jwt)) {
                return call.on(client);
            } catch (BridgeCallException e) {
                System.err.println("vehicle signals: " + e.getMessage());
                return 1;
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("vehicle signals: cannot reach the bridge at " + host + ":" + port + ": "
                        + e.getCause().getMessage());
                return 1;
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @FunctionalInterface
    interface ClientCall {
        int on(BridgeClient client) throws Exception;
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof BridgeCallException call) {
                throw call;
            }
            throw e;
        }
    }


    static String state(SignalValue value) {
        String availability = value.getAvailability().name().replace("AVAILABILITY_", "");
        String at = Instant.ofEpochSecond(value.getTimestamp().getSeconds(), value.getTimestamp().getNanos()).toString();
        return value.hasValue() ? ValueText.of(value.getValue()) + "  (" + at + ")"
                : availability + (value.getReason().isEmpty() ? "" : ": " + value.getReason());
    }

    /** Text from the command line as the Value case of the signal's VSS data type. */
    static Value parse(DataType type, String text) {
        Value.Builder value = Value.newBuilder();
        switch (type) {
            case DATA_TYPE_BOOLEAN -> {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("expects true or false, not " + text);
                }
                value.setBool(Boolean.parseBoolean(text));
            }
            case DATA_TYPE_STRING -> value.setString(text);
            case DATA_TYPE_FLOAT -> value.setFloat(Float.parseFloat(text));
            case DATA_TYPE_DOUBLE -> value.setDouble(Double.parseDouble(text));
            case DATA_TYPE_INT8, DATA_TYPE_INT16, DATA_TYPE_INT32 -> value.setInt32(Integer.parseInt(text));
            case DATA_TYPE_INT64 -> value.setInt64(Long.parseLong(text));
            case DATA_TYPE_UINT8, DATA_TYPE_UINT16, DATA_TYPE_UINT32 -> value.setUint32(Integer.parseUnsignedInt(text));
            case DATA_TYPE_UINT64 -> value.setUint64(Long.parseUnsignedLong(text));
            default -> throw new IllegalArgumentException("cannot write a " + type + " from the command line");
        }
        return value.build();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Signals matching the patterns "
            + "(all without one): type, unit, access, availability, value.")
    static final class ListSignals implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(arity = "0..*", paramLabel = "PATTERN", description = "Vehicle.Cabin.HVAC, Vehicle.*.IsOpen, ...")
        List<String> patterns = List.of();

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            return connection.run(client -> {
                for (SignalInfo info : await(client.call(GatewayGrpcClient.ListSignals, ListSignalsRequest.newBuilder()
                        .addAllPatterns(patterns).build())).getSignalsList()) {
                    out.printf("%-58s %-7s %-8s %-10s %s%n", info.getPath(),
                            info.getDataType().name().replace("DATA_TYPE_", "").toLowerCase(),
                            info.getUnit().isEmpty() ? "-" : info.getUnit(),
                            info.getAccess().name().toLowerCase().replace('_', '-'), state(info.getCurrent()));
                }
                return 0;
            });
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Current values with their time, or "
            + "why there is none.")
    static final class Get implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(arity = "1..*", paramLabel = "PATTERN")
        List<String> patterns;

        @Override
        public Integer call() throws Exception {
            return connection.run(client -> {
                for (SignalValue value : await(client.call(GatewayGrpcClient.GetSignals, GetSignalsRequest.newBuilder()
                        .addAllPatterns(patterns).build())).getSignalsList()) {
                    System.out.println(value.getPath() + " = " + state(value));
                }
                return 0;
            });
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true, description = "Prints every change (and "
            + "availability change) until Ctrl-C or --count updates.")
    static final class Watch implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(arity = "1..*", paramLabel = "PATTERN")
        List<String> patterns;

        @Option(names = "--count", defaultValue = "0", description = "Stop after this many updates (0: never).")
        int count;

        @Option(names = "--min-interval-ms", defaultValue = "0", description = "At most one update per signal per "
                + "interval.")
        int minIntervalMs;

        @Override
        public Integer call() throws Exception {
            return connection.run(client -> {
                CountDownLatch done = new CountDownLatch(1);
                AtomicInteger seen = new AtomicInteger();
                AtomicInteger exit = new AtomicInteger();
                var stream = await(client.stream(GatewayGrpcClient.Subscribe, SubscribeRequest.newBuilder()
                        .addAllPatterns(patterns).setLatestOnly(true).setMinIntervalMs(minIntervalMs).build()));
                stream.handler(response -> {
                    for (SignalValue update : response.getUpdatesList()) {
                        System.out.println(update.getPath() + " = " + state(update));
                        if (count > 0 && seen.incrementAndGet() >= count) {
                            done.countDown();
                        }
                    }
                });
                stream.endHandler(v -> {
                    if (stream.status() != io.vertx.grpc.common.GrpcStatus.OK) {
                        System.err.println("stream ended: " + stream.status() + " "
                                + BridgeClient.statusMessage(stream));
                        exit.set(1);
                    }
                    done.countDown();
                });
                stream.resume();
                done.await();
                return exit.get();
            });
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = {"Writes signals through the bridge's "
            + "write gate and prints, per signal, what the ECU did: CONFIRMED, REJECTED_BY_ECU, DENIED_BY_POLICY "
            + "(with the rule and why), UNAVAILABLE, TIMEOUT, INVALID, NEEDS_CONFIRMATION.",
            "Example: vehicle signals set Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature 22.5",
            "Exit code 0 when every signal is confirmed (or allowed, with --dry-run), 2 otherwise."})
    static final class Set implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(arity = "2..*", paramLabel = "PATH VALUE", description = "Pairs of path and value.")
        List<String> pairs;

        @Option(names = "--dry-run", description = "Check only; write nothing.")
        boolean dryRun;

        @Option(names = "--driver-confirmed", description = "Assert that the driver confirmed (for rules that "
                + "require it; recorded in the audit log).")
        boolean driverConfirmed;

        @Option(names = "--timeout-ms", defaultValue = "0", description = "How long to wait for the ECU's "
                + "confirmation (0: the bridge's default).")
        int timeoutMs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (pairs.size() % 2 != 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give PATH VALUE pairs");
            }
            return connection.run(client -> {
                WriteRequest.Builder request = WriteRequest.newBuilder().setDryRun(dryRun)
                        .setDriverConfirmed(driverConfirmed).setConfirmTimeoutMs(timeoutMs);
                for (int i = 0; i < pairs.size(); i += 2) {
                    String path = pairs.get(i);
                    List<SignalInfo> found = await(client.call(GatewayGrpcClient.ListSignals,
                            ListSignalsRequest.newBuilder().addPatterns(path).build())).getSignalsList();
                    SignalInfo info = found.stream().filter(s -> s.getPath().equals(path)).findFirst()
                            .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                                    path + " is a branch, not a signal"));
                    try {
                        request.addWrites(SignalWrite.newBuilder().setPath(path)
                                .setValue(parse(info.getDataType(), pairs.get(i + 1))));
                    } catch (IllegalArgumentException e) {
                        throw new CommandLine.ParameterException(spec.commandLine(), path + ": " + e.getMessage());
                    }
                }
                WriteResponse response = await(client.call(GatewayGrpcClient.Write, request.build()));
                for (WriteResult result : response.getResultsList()) {
                    System.out.println(result.getPath() + ": " + result.getStatus().name().replace("WRITE_STATUS_", "")
                            + (result.hasConfirmedValue() ? " " + ValueText.of(result.getConfirmedValue()) : "")
                            + (result.getReason().isEmpty() ? "" : " - " + result.getReason()));
                }
                System.out.println(response.getOutcome().name().replace("WRITE_OUTCOME_", "").toLowerCase()
                        + " (correlation id " + response.getCorrelationId() + ")");
                boolean ok = response.getOutcome() == WriteOutcome.WRITE_OUTCOME_CONFIRMED
                        || response.getOutcome() == WriteOutcome.WRITE_OUTCOME_ALLOWED;
                return ok ? 0 : 2;
            });
        }
    }
}
