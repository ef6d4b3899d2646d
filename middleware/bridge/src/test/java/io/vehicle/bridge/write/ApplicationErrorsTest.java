package io.vehicle.bridge.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.wire.ReturnCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Application error names from the IDL's deployment, whichever IDL version the bridge was built with. */
class ApplicationErrorsTest {

    @Test
    @DisplayName("declared application errors are read from the IDL's deployment: the seats' 0x30 is VEHICLE_MOVING")
    void declaredInTheIdl() {
        ApplicationErrors errors = new ApplicationErrors(SignalRegistry.catalog().services());
        var seats = SignalRegistry.catalog().services().stream()
                .filter(s -> s.descriptor().getFullName().endsWith("SeatService")).findFirst().orElseThrow();
        EcuError moving = errors.describe(seats, new SomeIpErrorException(0x30, "raw"));
        assertThat(moving.returnCodeName()).isEqualTo("VEHICLE_MOVING");
        assertThat(moving.applicationError()).isEqualTo(0x30);
        assertThat(moving.message()).contains("vehicle moves");
    }

    @Test
    @DisplayName("without a declaration: the standard name, or 'service-specific error 0xNN' with its application code")
    void undeclared() {
        ApplicationErrors errors = new ApplicationErrors(SignalRegistry.catalog().services());
        var hvac = SignalRegistry.catalog().services().get(0);
        EcuError standard = errors.describe(hvac, new SomeIpErrorException(ReturnCode.E_NOT_READY, "booting"));
        assertThat(standard.returnCodeName()).isEqualTo("E_NOT_READY");
        assertThat(standard.applicationError()).isZero();
        EcuError specific = errors.describe(hvac, new SomeIpErrorException(0x5E, "no"));
        assertThat(specific.applicationError()).isEqualTo(0x5E);
        assertThat(specific.returnCodeName()).isNotEmpty();
    }
}
