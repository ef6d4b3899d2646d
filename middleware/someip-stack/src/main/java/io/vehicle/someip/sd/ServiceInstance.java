package io.vehicle.someip.sd;

/** A service instance as SOME/IP-SD names it (feat_req_someip_541, feat_req_someip_542). */
public record ServiceInstance(int serviceId, int instanceId) {

    @Override
    public String toString() {
        return String.format("0x%04X.0x%04X", serviceId, instanceId);
    }
}
