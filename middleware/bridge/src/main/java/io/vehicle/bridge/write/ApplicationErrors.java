package io.vehicle.bridge.write;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.vehicle.idl.someip.ServiceDeployment;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.wire.ReturnCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application errors a service declares in its SOME/IP deployment ({@code application_errors} of
 * ServiceDeployment: return codes 0x20..0x5E, feat_req_someip_371, with a name and a meaning), read
 * generically: through the descriptor when the IDL in use knows the field, else from the option's unknown
 * fields (number 7: code = 1, name = 2, description = 3), so the bridge shows the names whichever IDL
 * version it was built with.
 */
public final class ApplicationErrors {

    static final int FIELD_NUMBER = 7;

    /** One declared error. */
    public record Declared(int code, String name, String description) {
    }

    private final Map<Integer, Map<Integer, Declared>> byService = new HashMap<>();

    public ApplicationErrors(List<ServiceBinding> services) {
        for (ServiceBinding service : services) {
            byService.put(service.serviceId(),
                    declared(service.descriptor().getOptions().getExtension(SomeIpOptionsProto.service)));
        }
    }

    /** The errors declared in one deployment. */
    static Map<Integer, Declared> declared(ServiceDeployment deployment) {
        Map<Integer, Declared> errors = new HashMap<>();
        FieldDescriptor field = ServiceDeployment.getDescriptor().findFieldByNumber(FIELD_NUMBER);
        if (field != null && field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            for (int i = 0; i < deployment.getRepeatedFieldCount(field); i++) {
                Message entry = (Message) deployment.getRepeatedField(field, i);
                errors.put(intField(entry, 1), new Declared(intField(entry, 1), stringField(entry, 2),
                        stringField(entry, 3)));
            }
            return errors;
        }
        UnknownFieldSet.Field unknown = deployment.getUnknownFields().getField(FIELD_NUMBER);
        for (ByteString bytes : unknown.getLengthDelimitedList()) {
            try {
                UnknownFieldSet entry = UnknownFieldSet.parseFrom(bytes);
                int code = entry.getField(1).getVarintList().isEmpty() ? 0
                        : entry.getField(1).getVarintList().get(0).intValue();
                errors.put(code, new Declared(code, text(entry, 2), text(entry, 3)));
            } catch (InvalidProtocolBufferException e) {
                // not the shape we know: no names for this service
            }
        }
        return errors;
    }

    /** The refusal as the gateway reports it. */
    public EcuError describe(ServiceBinding service, SomeIpErrorException error) {
        int code = error.returnCode();
        Declared declared = byService.getOrDefault(service.serviceId(), Map.of()).get(code);
        String name = declared != null ? declared.name() : ReturnCode.describe(code);
        String meaning = declared != null && !declared.description().isEmpty() ? declared.description()
                : error.getMessage();
        return new EcuError(code, name, code >= 0x20 && code <= 0x5E ? code : 0, meaning);
    }

    private static int intField(Message message, int number) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByNumber(number);
        return field == null ? 0 : ((Number) message.getField(field)).intValue();
    }

    private static String stringField(Message message, int number) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByNumber(number);
        return field == null ? "" : String.valueOf(message.getField(field));
    }

    private static String text(UnknownFieldSet entry, int number) {
        List<ByteString> values = entry.getField(number).getLengthDelimitedList();
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }
}
