package io.vehicle.bridge.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.someip.sdk.signal.SignalRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading policy files: the shipped default, and every class of mistake refused with a readable reason. */
class PolicyFileTest {

    final PolicyFile parser = new PolicyFile(SignalRegistry.catalog(), 1000);

    @Test
    @DisplayName("the shipped default policy loads and covers the signals a car's occupants change")
    void defaultPolicy() throws Exception {
        String text;
        try (InputStream in = PolicyStore.class.getResourceAsStream(PolicyStore.DEFAULT_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Policy policy = parser.parse(text, "default");
        assertThat(policy.rules()).hasSizeGreaterThan(10);
        assertThat(policy.version()).startsWith("sha256:");
        for (String path : new String[] {"Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
                "Vehicle.Cabin.Door.Row2.PassengerSide.Window.Position", "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked",
                "Vehicle.Body.Trunk.Rear.IsOpen", "Vehicle.Cabin.Infotainment.Media.Volume"}) {
            assertThat(policy.covering(path)).as(path).isNotEmpty();
        }
        assertThat(policy.covering("Vehicle.Cabin.Infotainment.Media.Volume").get(0).max()).isEqualTo(80.0);
    }

    @Test
    @DisplayName("mistakes are refused with the rule and the problem")
    void mistakes() {
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    signals: [Vehicle.Speed]\n    writers: ['*']\n", "t"))
                .hasMessageContaining("matches no writable signal");
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    signal: [Vehicle.Cabin]\n", "t"))
                .hasMessageContaining("unknown key 'signal'");
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    signals: [Vehicle.Cabin]\n    writers: ['*']\n"
                + "  - id: a\n    signals: [Vehicle.Cabin]\n    writers: ['*']\n", "t")).hasMessageContaining("used twice");
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    signals: [Vehicle.Cabin]\n    writers: ['*']\n"
                + "    preconditions: ['Vehicle.Sped < 3']\n", "t"))
                .hasMessageContaining("rule 'a'").hasMessageContaining("unknown signal Vehicle.Sped");
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    signals: [Vehicle.Cabin]\n    writers: ['*']\n"
                + "    preconditions: ['Vehicle.Powertrain.Transmission.SelectedGear < 3']\n", "t"))
                .hasMessageContaining("compare it with == or !=");
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    signals: [Vehicle.Cabin]\n    writers: ['*']\n"
                + "    range: {min: 30, max: 20}\n", "t")).hasMessageContaining("above max");
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    signals: [Vehicle.Cabin]\n", "t"))
                .hasMessageContaining("no writers");
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    signals: ['Vehicle.Cab*']\n    writers: ['*']\n", "t"))
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    signals: [Vehicle.Cabin]\n    writers: ['*']\n"
                + "    rateLimit: {maxWrites: 0, perSeconds: 1}\n", "t")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> parser.parse("rules:\n  - id: a\n    methods: [vehicle.hvac.v1.HvacService/Fly]\n"
                + "    writers: ['*']\n", "t")).hasMessageContaining("no method");
        assertThatThrownBy(() -> parser.parse("just text", "t")).hasMessageContaining("not a policy file");
        assertThatThrownBy(() -> parser.parse("{}", "t")).hasMessageContaining("no 'rules:'");
    }

    @Test
    @DisplayName("an empty rule list is a valid policy that denies everything")
    void emptyDeniesAll() {
        assertThat(parser.parse("rules: []\n", "t").rules()).isEmpty();
    }
}
