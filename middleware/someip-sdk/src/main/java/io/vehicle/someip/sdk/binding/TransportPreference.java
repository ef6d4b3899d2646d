package io.vehicle.someip.sdk.binding;

/**
 * Which transport a {@link DescriptorProxy} calls methods over. {@link #DEPLOYED} follows each rpc's
 * {@code reliable} option (TCP when true, UDP otherwise); {@link #UDP} and {@link #TCP} force one
 * transport for every call, e.g. to run a test suite over both. Forcing only changes the consumer's
 * choice: the provider answers on the transport a request came in on. If the offer has no endpoint
 * for the chosen transport, the call goes over the one it has (as for DEPLOYED).
 */
public enum TransportPreference {
    DEPLOYED,
    UDP,
    TCP;

    /** Whether a call of {@code rpc} goes over TCP under this preference. */
    public boolean reliable(RpcBinding rpc) {
        return switch (this) {
            case DEPLOYED -> rpc.reliable();
            case UDP -> false;
            case TCP -> true;
        };
    }
}
