package io.vehicle.launcher;

import io.vehicle.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's main command, run the way ./vehicle runs it, on its own SD port. */
class CockpitDemoTest {

    @Test
    @DisplayName("vehicle demo: SD finds the ECU, the setpoint is applied, the cabin warms, 150 % fan is refused")
    void demoRunsToTheEnd() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int port = TestPorts.sdPort(0);
            exit = Main.commandLine().execute("cockpit-demo", "--sd-port", String.valueOf(port));
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("found it through SD")
                .contains("ECU answered: driver setpoint 23.5 °C")
                .contains("cabin warmed to 23.")
                .contains("refused by the ECU with return code service-specific error 0x20")
                .contains("read back: driver 23.5 °C, fan 60 %, A/C on. Done.");
    }
}
