package io.vehicle.someip.sd.message;

/**
 * One option of the SD options array (feat_req_someipsd_122): additional information that entries
 * reference by index. Options are values: equal options are written once (feat_req_someipsd_900).
 */
public sealed interface SdOption
        permits ConfigurationOption, LoadBalancingOption, EndpointOption, UnknownOption {

    /** The option's Type byte on the wire. */
    int type();
}
