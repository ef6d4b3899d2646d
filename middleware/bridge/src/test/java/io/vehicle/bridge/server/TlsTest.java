package io.vehicle.bridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.config.BridgeConfig;
import io.vehicle.bridge.fixture.Await;
import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.idl.kuksa.val.v2.GetServerInfoRequest;
import io.vehicle.idl.kuksa.val.v2.GetServerInfoResponse;
import io.vehicle.idl.kuksa.val.v2.VALGrpcClient;
import io.vehicle.testing.ExternalTools;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS by configuration: with {@code grpc.tls} the bridge serves gRPC over TLS (HTTP/2 by ALPN) with the
 * configured PEM certificate and key; a client that trusts the certificate gets answers, a plaintext client
 * gets none. The certificate is made by openssl for 127.0.0.1.
 */
class TlsTest {

    @TempDir
    Path dir;
    BridgeFixture fixture;
    GrpcClient tls;
    GrpcClient plain;

    @AfterEach
    void stop() {
        for (GrpcClient client : new GrpcClient[] {tls, plain}) {
            if (client != null) {
                Await.result(client.close());
            }
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    static GrpcClient client(BridgeFixture fixture, HttpClientOptions options) {
        return GrpcClient.client(fixture.clientVertx(), new GrpcClientOptions(), options
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    }

    static io.vertx.core.Future<GetServerInfoResponse> serverInfo(GrpcClient client, int port, String token) {
        return client.request(SocketAddress.inetSocketAddress(port, "127.0.0.1"), VALGrpcClient.GetServerInfo)
                .compose(request -> {
                    request.headers().set("authorization", "Bearer " + token);
                    return request.send(GetServerInfoRequest.getDefaultInstance());
                }).compose(response -> response.last());
    }

    @Test
    @DisplayName("grpc.tls: a client trusting the certificate is answered over TLS; a plaintext client is not")
    void tls() throws Exception {
        Path certificate = dir.resolve("bridge.crt");
        Path key = dir.resolve("bridge.key");
        ExternalTools.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=bridge", "-addext",
                "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", certificate.toString()));
        fixture = BridgeFixture.create(dir, 9);
        fixture.start(config -> config.withGrpc(new BridgeConfig.Grpc("127.0.0.1", 0, null, null,
                new BridgeConfig.Tls(certificate.toString(), key.toString()))), Clock.systemUTC());
        int port = fixture.bridge().grpcPort();
        String token = fixture.keys().token("tester", "read");

        tls = client(fixture, new HttpClientOptions().setSsl(true).setUseAlpn(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(certificate.toString())));
        assertThat(Await.result(serverInfo(tls, port, token)).getName()).isEqualTo("vehicle-bridge");

        plain = client(fixture, new HttpClientOptions());
        assertThat(Await.failure(serverInfo(plain, port, token))).as("plaintext HTTP/2 to a TLS port").isNotNull();
    }
}
