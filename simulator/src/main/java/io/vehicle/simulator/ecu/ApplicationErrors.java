package io.vehicle.simulator.ecu;

import io.vehicle.idl.someip.ApplicationError;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's application errors as its .proto declares them (docs/catalog.md lists them): an ECU
 * refuses by name, so the code on the wire is always the documented one.
 */
public final class ApplicationErrors {

    private final ServiceBinding binding;
    private final Map<String, ApplicationError> byName = new LinkedHashMap<>();

    public ApplicationErrors(ServiceBinding binding) {
        this.binding = binding;
        for (ApplicationError error : binding.descriptor().getOptions().getExtension(SomeIpOptionsProto.service)
                .getApplicationErrorsList()) {
            byName.put(error.getName(), error);
        }
    }

    /** Fails at start-up, not at the first refusal, when an ECU uses a name its service does not declare. */
    public ApplicationErrors require(String... names) {
        for (String name : names) {
            if (!byName.containsKey(name)) {
                throw new IllegalStateException(binding + " declares no application error " + name + " (it has "
                        + byName.keySet() + ")");
            }
        }
        return this;
    }

    /** The exception that answers a request with the named error; the text says the details. */
    public SomeIpErrorException refuse(String name, String detail) {
        ApplicationError error = byName.get(name);
        if (error == null) {
            throw new IllegalStateException(binding + " declares no application error " + name);
        }
        return new SomeIpErrorException(error.getCode(), name + ": " + detail);
    }

    /** The declared error with this code, or null. */
    public ApplicationError byCode(int code) {
        return byName.values().stream().filter(e -> e.getCode() == code).findFirst().orElse(null);
    }

    public Map<String, ApplicationError> all() {
        return Map.copyOf(byName);
    }
}
