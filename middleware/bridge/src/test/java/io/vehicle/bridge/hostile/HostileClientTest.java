package io.vehicle.bridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.client.BridgeCallException;
import io.vehicle.bridge.client.BridgeClient;
import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.kuksa.val.v2.GetValueRequest;
import io.vehicle.idl.kuksa.val.v2.ListMetadataRequest;
import io.vehicle.idl.kuksa.val.v2.SignalID;
import io.vehicle.idl.kuksa.val.v2.SubscribeRequest;
import io.vehicle.idl.kuksa.val.v2.VALGrpcClient;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vehicle.simulator.Simulator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A battery of hostile input against one running bridge; after each kind, a valid client is still answered
 * (a read and a confirmed write). Kinds: bytes that are not HTTP/2, malformed gRPC frames and protobuf,
 * huge messages, thousands of streams, unknown and absurd paths, a flood of bad tokens.
 */
class HostileClientTest {

    static final String DRIVER = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    static final int MAX_SUBSCRIPTIONS = 1000;

    @TempDir
    static Path dir;
    static BridgeFixture fixture;
    static Simulator car;
    static String token;
    static BridgeClient valid;
    static HttpClient raw;
    static float setpoint = 18f;

    @BeforeAll
    static void start() throws Exception {
        fixture = BridgeFixture.create(dir, 8);
        fixture.policy("""
                rules:
                  - id: hvac
                    signals: [Vehicle.Cabin.HVAC]
                    writers: ["*"]
                """);
        car = fixture.simulator(List.of("HvacService"), Map.of(DRIVER, 21.0));
        fixture.start(config -> config.withLimits(new BridgeConfig.Limits(MAX_SUBSCRIPTIONS, null, null))
                .withGrpc(new BridgeConfig.Grpc("127.0.0.1", 0, 64 * 1024, 500, null)), Clock.systemUTC());
        fixture.awaitValues();
        token = fixture.keys().token("tester", "read actuate");
        valid = fixture.client(token);
        raw = fixture.clientVertx().createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false).setDefaultHost("127.0.0.1").setDefaultPort(fixture.bridge().grpcPort()));
    }

    @AfterAll
    static void stop() {
        Await.result(raw.close());
        fixture.close();
    }

    /** The bridge still reads and writes for a well-behaved client. */
    static void validClientIsAnswered() {
        assertThat(Await.result(valid.call(VALGrpcClient.GetValue, GetValueRequest.newBuilder()
                .setSignalId(SignalID.newBuilder().setPath(DRIVER)).build())).getDataPoint().hasValue()).isTrue();
        setpoint = setpoint >= 27 ? 17f : setpoint + 0.5f;
        var result = Await.result(valid.call(GatewayGrpcClient.Write, WriteRequest.newBuilder().addWrites(SignalWrite
                .newBuilder().setPath(DRIVER).setValue(Value.newBuilder().setFloat(setpoint))).build())).getResults(0);
        assertThat(result.getStatus()).as(result.getReason()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
    }

    /** Posts raw bytes as a gRPC call; the response's grpc-status (from headers or trailers), or the HTTP status. */
    static String post(String method, Buffer body, String bearer) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/" + method)
                .putHeader("content-type", "application/grpc").putHeader("te", "trailers");
        if (bearer != null) {
            options.putHeader("authorization", "Bearer " + bearer);
        }
        // The whole exchange runs on a Vert.x context, so body() is registered in the event-loop turn in which the
        // response arrives and its end cannot be missed. Chained from the test thread, a request future already
        // complete ran send() here, and a fast answer could end before body() was asked for (a 20 s hang, seen).
        io.vertx.core.Promise<HttpClientResponse> answered = io.vertx.core.Promise.promise();
        fixture.clientVertx().getOrCreateContext().runOnContext(ignored -> raw.request(options)
                .compose(request -> request.send(body))
                .compose(r -> r.body().map(read -> r))
                .onComplete(answered));
        HttpClientResponse response = Await.result(answered.future());
        String status = response.getHeader("grpc-status");
        if (status == null) {
            status = response.getTrailer("grpc-status");
        }
        return status != null ? "grpc-status " + status : "http " + response.statusCode();
    }

    static Buffer frame(byte[] message) {
        return Buffer.buffer().appendByte((byte) 0).appendInt(message.length).appendBytes(message);
    }

    @Test
    @DisplayName("bytes that are not HTTP/2 close only their own connection")
    void notHttp2() throws Exception {
        Random random = new Random(1);
        for (int i = 0; i < 20; i++) {
            try (Socket socket = new Socket("127.0.0.1", fixture.bridge().grpcPort())) {
                byte[] junk = new byte[1 + random.nextInt(4096)];
                random.nextBytes(junk);
                OutputStream out = socket.getOutputStream();
                out.write(junk);
                out.flush();
            }
        }
        validClientIsAnswered();
    }

    @Test
    @DisplayName("malformed protobuf and malformed gRPC framing get an error status, never an answer to garbage")
    void malformed() {
        Random random = new Random(2);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[1 + random.nextInt(300)];
            random.nextBytes(junk);
            String status = post("vehicle.gateway.v1.Gateway/Write", frame(junk), token);
            assertThat(status).as("garbage %d", i).isNotEqualTo("grpc-status 0");
        }
        // A frame that announces more bytes than it carries, one with a bad compression flag, one empty body.
        assertThat(post("kuksa.val.v2.VAL/GetValue", Buffer.buffer().appendByte((byte) 0).appendInt(100)
                .appendBytes(new byte[3]), token)).isNotEqualTo("grpc-status 0");
        assertThat(post("kuksa.val.v2.VAL/GetValue", Buffer.buffer().appendByte((byte) 7).appendInt(0), token))
                .isNotEqualTo("grpc-status 0");
        assertThat(post("kuksa.val.v2.VAL/GetValue", Buffer.buffer(), token)).isNotEqualTo("grpc-status 0");
        // Well-formed protobuf of the wrong message: decodes to unknown fields, so the request is empty.
        assertThat(post("kuksa.val.v2.VAL/GetValue", frame(WriteRequest.newBuilder().setCorrelationId("x")
                .setDryRun(true).build().toByteArray()), token)).isEqualTo("grpc-status 3");
        assertThat(post("no.such.Service/Call", frame(new byte[0]), token)).isEqualTo("grpc-status 12");
        validClientIsAnswered();
    }

    @Test
    @DisplayName("a message over the size limit is refused with RESOURCE_EXHAUSTED")
    void hugeMessages() {
        String huge = "Vehicle." + "x".repeat(200_000);
        Throwable refused = Await.failure(valid.call(VALGrpcClient.GetValue, GetValueRequest.newBuilder()
                .setSignalId(SignalID.newBuilder().setPath(huge)).build()));
        assertThat(((BridgeCallException) refused).status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
        WriteRequest.Builder many = WriteRequest.newBuilder();
        for (int i = 0; i < 5000; i++) {
            many.addWrites(SignalWrite.newBuilder().setPath(DRIVER).setValue(Value.newBuilder().setFloat(20)));
        }
        Throwable tooMany = Await.failure(valid.call(GatewayGrpcClient.Write, many.build()));
        assertThat(((BridgeCallException) tooMany).status()).isIn(GrpcStatus.RESOURCE_EXHAUSTED,
                GrpcStatus.INVALID_ARGUMENT);
        validClientIsAnswered();
    }

    @Test
    @DisplayName("thousands of streams: the bridge holds its maximum, refuses the rest, and frees them when they end")
    void thousandsOfStreams() {
        int before = fixture.bridge().subscriptions().openSubscriptions();
        List<BridgeClient> connections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            connections.add(fixture.client(token));
        }
        List<Future<GrpcClientResponse<SubscribeRequest, io.vehicle.idl.kuksa.val.v2.SubscribeResponse>>> streams =
                new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            streams.add(connections.get(i % connections.size()).stream(VALGrpcClient.Subscribe, SubscribeRequest
                    .newBuilder().addSignalPaths(DRIVER).build()));
        }
        int open = 0;
        int refused = 0;
        List<GrpcClientResponse<?, ?>> responses = new ArrayList<>();
        for (var stream : streams) {
            try {
                var response = Await.result(stream);
                response.handler(r -> { });
                response.resume();
                responses.add(response);
            } catch (RuntimeException e) {
                refused++;
            }
        }
        Await.until(() -> fixture.bridge().subscriptions().openSubscriptions() == before + MAX_SUBSCRIPTIONS,
                () -> "subscriptions at the maximum: " + fixture.bridge().subscriptions().openSubscriptions());
        for (var response : responses) {
            Await.result(response.end().recover(e -> Future.succeededFuture()).timeout(0, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .recover(e -> Future.succeededFuture()));
            if (response.status() == GrpcStatus.RESOURCE_EXHAUSTED) {
                refused++;
            } else {
                open++;
            }
        }
        assertThat(refused).as("streams over the limit").isGreaterThanOrEqualTo(3000 - MAX_SUBSCRIPTIONS);
        validClientIsAnswered();
        connections.forEach(BridgeClient::close);
        Await.until(() -> fixture.bridge().subscriptions().openSubscriptions() == before,
                () -> "subscriptions freed: " + fixture.bridge().subscriptions().openSubscriptions());
        validClientIsAnswered();
    }

    @Test
    @DisplayName("unknown and absurd paths and patterns get NOT_FOUND or INVALID_ARGUMENT, one by one")
    void unknownPaths() {
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            StringBuilder path = new StringBuilder("Vehicle");
            for (int s = 0; s < 1 + random.nextInt(6); s++) {
                path.append('.').append(Long.toString(random.nextLong(), 36));
            }
            Throwable failure = Await.failure(valid.call(VALGrpcClient.GetValue, GetValueRequest.newBuilder()
                    .setSignalId(SignalID.newBuilder().setPath(path.toString())).build()));
            assertThat(((BridgeCallException) failure).status()).isEqualTo(GrpcStatus.NOT_FOUND);
        }
        for (String pattern : new String[] {"**.**.**", "..", "*x*", "Vehicle.\u0000", "Vehicle.**.Nope.**.*"}) {
            try {
                Await.result(valid.call(VALGrpcClient.ListMetadata, ListMetadataRequest.newBuilder().setRoot(pattern)
                        .build()));
            } catch (BridgeCallException e) {
                assertThat(e.status()).as(pattern).isIn(GrpcStatus.NOT_FOUND, GrpcStatus.INVALID_ARGUMENT);
            }
        }
        validClientIsAnswered();
    }

    @Test
    @DisplayName("a flood of bad tokens is refused as UNAUTHENTICATED and counted; valid clients go on")
    void tokenFlood() throws Exception {
        Random random = new Random(4);
        String foreign = io.vehicle.bridge.fixture.TestKeys.create(java.nio.file.Files.createDirectories(
                dir.resolve("foreign")), "rsa").token("mallory", "read actuate");
        // 2,000 calls over 16 connections, as a misbehaving client sends them. (2,000 simultaneous TCP connects
        // would measure the kernel's listen backlog and SYN retries under load, not the bridge's token checks.)
        List<BridgeClient> connections = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            connections.add(fixture.client(null));
        }
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String bad = switch (i % 3) {
                case 0 -> foreign;
                case 1 -> Long.toString(random.nextLong(), 36) + "." + Long.toString(random.nextLong(), 36) + ".x";
                default -> token.substring(0, token.length() - 5) + "AAAAA";
            };
            calls.add(post(connections.get(i % connections.size()), bad));
        }
        for (Future<?> call : calls) {
            Throwable failure = Await.failure(call);
            assertThat(failure).isInstanceOf(InvalidStatusException.class);
            assertThat(((InvalidStatusException) failure).actualStatus()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
        }
        assertThat(fixture.bridge().metrics().scrape()).containsPattern("bridge_authentication_failures_total [0-9.E]+");
        validClientIsAnswered();
    }

    /** A gateway write with this bearer token on the connection of {@code connection}. */
    private static Future<?> post(BridgeClient connection, String badToken) {
        return connection.open(GatewayGrpcClient.Write).compose(call -> {
            call.headers().set("authorization", "Bearer " + badToken);
            return call.send(WriteRequest.newBuilder().addWrites(SignalWrite.newBuilder().setPath(DRIVER)
                    .setValue(Value.newBuilder().setFloat(27))).build());
        }).compose(response -> response.last());
    }
}
