package io.vehicle.bridge.write;

import io.vehicle.idl.someip.ApplicationError;
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
 * ServiceDeployment: return codes 0x20..0x5E, feat_req_someip_371, with a name and a meaning), so a
 * refusal reaches clients as "VEHICLE_MOVING: The driver seat does not move while ..." and not as 0x30.
 */
public final class ApplicationErrors {

    private final Map<Integer, Map<Integer, ApplicationError>> byService = new HashMap<>();

    public ApplicationErrors(List<ServiceBinding> services) {
        for (ServiceBinding service : services) {
            byService.put(service.serviceId(),
                    declared(service.descriptor().getOptions().getExtension(SomeIpOptionsProto.service)));
        }
    }

    /** The errors declared in one deployment, by return code. */
    static Map<Integer, ApplicationError> declared(ServiceDeployment deployment) {
        Map<Integer, ApplicationError> errors = new HashMap<>();
        for (ApplicationError error : deployment.getApplicationErrorsList()) {
            errors.put(error.getCode(), error);
        }
        return errors;
    }

    /** The refusal as the gateway reports it. */
    public EcuError describe(ServiceBinding service, SomeIpErrorException error) {
        int code = error.returnCode();
        ApplicationError declared = byService.getOrDefault(service.serviceId(), Map.of()).get(code);
        String name = declared != null ? declared.getName() : ReturnCode.describe(code);
        String meaning = declared != null && !declared.getDescription().isEmpty() ? declared.getDescription()
                : error.getMessage();
        return new EcuError(code, name, code >= 0x20 && code <= 0x5E ? code : 0, meaning);
    }
}
