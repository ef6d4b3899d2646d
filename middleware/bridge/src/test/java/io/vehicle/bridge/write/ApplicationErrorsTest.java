package io.vehicle.bridge.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.vehicle.idl.someip.ServiceDeployment;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.wire.ReturnCode;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Application error names from the IDL's deployment, whichever IDL version the bridge was built with. */
class ApplicationErrorsTest {

    @Test
    @DisplayName("application_errors entries the IDL in use does not know yet are read from unknown field 7")
    void unknownField() {
        UnknownFieldSet entry = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(0x22).build())
                .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("POWER_OFF")).build())
                .addField(3, UnknownFieldSet.Field.newBuilder().addLengthDelimited(
                        ByteString.copyFromUtf8("Refused while the low voltage system is OFF")).build()).build();
        ServiceDeployment deployment = ServiceDeployment.newBuilder().setServiceId(0x1001)
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(ApplicationErrors.FIELD_NUMBER,
                        UnknownFieldSet.Field.newBuilder().addLengthDelimited(entry.toByteString()).build()).build())
                .build();
        Map<Integer, ApplicationErrors.Declared> declared = ApplicationErrors.declared(deployment);
        assertThat(declared).containsOnlyKeys(0x22);
        assertThat(declared.get(0x22).name()).isEqualTo("POWER_OFF");
        assertThat(declared.get(0x22).description()).contains("low voltage");
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
