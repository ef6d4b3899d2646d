package io.vehicle.someip.sd;

import io.vehicle.someip.sd.message.SdEntry;

/**
 * The service instances a find, a FindService entry or a subscription asks for: one service, one
 * instance or any (0xFFFF), one major version or any (0xFF) (feat_req_someipsd_239).
 */
record ServiceSelector(int serviceId, int instanceId, int majorVersion) {

    boolean selects(int service, int instance, int major) {
        return service == serviceId
                && (instanceId == SdEntry.ANY_INSTANCE || instance == instanceId)
                && (majorVersion == SdEntry.ANY_MAJOR_VERSION || major == majorVersion);
    }

    boolean selects(RemoteService service) {
        return selects(service.serviceId(), service.instanceId(), service.majorVersion());
    }
}
