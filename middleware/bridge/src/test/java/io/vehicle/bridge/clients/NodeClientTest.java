package io.vehicle.bridge.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.bridge.fixture.BridgeFixture;
import io.vehicle.bridge.fixture.ClientProcess;
import io.vehicle.bridge.fixture.VirtualEcu;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.Repository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clients/node/bridge_client.js (npm @grpc/grpc-js and @grpc/proto-loader, .proto files loaded at run time)
 * against a running bridge: list, get, watch, and a set the ECU confirms. Skipped without node or the npm
 * packages (installed from the lockfile when missing), failed when CI=true.
 */
class NodeClientTest {

    static final Path PACKAGE = Repository.path("clients/node");
    static final String FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";

    @TempDir
    static Path dir;
    static BridgeFixture fixture;
    static VirtualEcu hvac;

    @BeforeAll
    static void start() throws Exception {
        ExternalTools.requireNodePackages(PACKAGE);
        fixture = BridgeFixture.create(dir, 12);
        hvac = fixture.ecu("127.0.0.3", List.of("HvacService"), Map.of(FAN, 20L));
        fixture.start();
        fixture.awaitValues();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static ClientProcess.Result node(String token, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", PACKAGE.resolve("bridge_client.js").toString(),
                "--port", Integer.toString(fixture.bridge().grpcPort()), "--token", token));
        command.addAll(List.of(arguments));
        return ClientProcess.run(command, Map.of(), dir, 90);
    }

    @Test
    @DisplayName("list, get, watch and a set with a confirmed result")
    void listGetWatchSet() throws Exception {
        String token = fixture.keys().token("node-app", "read actuate:Vehicle.Cabin.HVAC");
        assertThat(node(token, "list", "Vehicle.Cabin.HVAC.Station.Row1.Driver").lines())
                .contains("signal " + FAN + " UINT8 percent AVAILABLE 20");
        assertThat(node(token, "get", FAN).lines()).containsExactly("value " + FAN + " 20");
        assertThat(node(token, "watch", FAN, "1").lines()).containsExactly("update " + FAN + " AVAILABLE 20");
        ClientProcess.Result set = node(token, "set", FAN, "55");
        assertThat(set.exitCode()).as(set.output()).isZero();
        assertThat(set.lines()).contains("outcome CONFIRMED");
        assertThat(set.output()).contains("write " + FAN + " CONFIRMED 55");
        assertThat(hvac.get(FAN)).isEqualTo(55L);
    }

    @Test
    @DisplayName("refusals reach the client as statuses and reasons")
    void refusals() throws Exception {
        ClientProcess.Result noToken = node("", "get", FAN);
        assertThat(noToken.lines()).containsExactly("error UNAUTHENTICATED no token: send 'authorization: Bearer <JWT>'");
        ClientProcess.Result tooHigh = node(fixture.keys().token("node-app", "read actuate"), "set", FAN, "150");
        assertThat(tooHigh.exitCode()).isEqualTo(2);
        assertThat(tooHigh.output()).contains("INVALID").contains("0..100");
    }
}
