package io.vehicle.bridge.write;

import io.vehicle.someip.runtime.EndpointClosedException;
import io.vehicle.someip.runtime.RequestTimeoutException;
import io.vehicle.someip.runtime.ServiceUnavailableException;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * What a failed SOME/IP call to an ECU means for a write: an error answer is REJECTED_BY_ECU (with the
 * application error's name from the IDL), an ECU that is gone or went away is UNAVAILABLE, no answer is
 * TIMEOUT.
 */
final class EcuFailures {

    private final ApplicationErrors errors;

    EcuFailures(List<ServiceBinding> services) {
        this.errors = new ApplicationErrors(services);
    }

    CallRefusedException classify(ServiceBinding service, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SomeIpErrorException refusal) {
            EcuError ecuError = errors.describe(service, refusal);
            return new CallRefusedException(WriteStatus.REJECTED_BY_ECU, "the ECU refused: " + ecuError, ecuError);
        }
        if (cause instanceof ServiceUnavailableException || cause instanceof EndpointClosedException) {
            return new CallRefusedException(WriteStatus.UNAVAILABLE, "the ECU is not reachable: " + cause.getMessage(),
                    null);
        }
        if (cause instanceof RequestTimeoutException) {
            return new CallRefusedException(WriteStatus.TIMEOUT, "the ECU did not answer: " + cause.getMessage(), null);
        }
        return new CallRefusedException(WriteStatus.REJECTED_BY_ECU, "the call failed: " + cause, null);
    }
}
