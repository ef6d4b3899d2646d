package io.vehicle.someip.sd.message;

import java.util.ArrayList;
import java.util.List;

/**
 * One 16-byte entry of the entries array (feat_req_someipsd_46). Its two option runs
 * (feat_req_someipsd_336, feat_req_someipsd_341) are resolved into lists of options; the codec
 * places them in the options array and computes the indexes.
 */
public sealed interface SdEntry permits ServiceEntry, EventgroupEntry {

    /** Type field values (feat_req_someipsd_47, feat_req_someipsd_109). */
    int TYPE_FIND_SERVICE = 0x00;
    int TYPE_OFFER_SERVICE = 0x01;
    int TYPE_SUBSCRIBE_EVENTGROUP = 0x06;
    int TYPE_SUBSCRIBE_EVENTGROUP_ACK = 0x07;
    /** TTL 0xFFFFFF: valid until the next reboot (feat_req_someipsd_253, feat_req_someipsd_322). */
    int TTL_UNTIL_REBOOT = 0xFFFFFF;
    /** Instance ID 0xFFFF: all instances (feat_req_someipsd_47). */
    int ANY_INSTANCE = 0xFFFF;
    /** Major Version 0xFF: any (feat_req_someipsd_239). */
    int ANY_MAJOR_VERSION = 0xFF;
    /** Minor Version 0xFFFFFFFF: any (feat_req_someipsd_239). */
    int ANY_MINOR_VERSION = 0xFFFFFFFF;
    /** Options per run: Number of Options is 4 bits (feat_req_someipsd_47). */
    int MAX_OPTIONS_PER_RUN = 15;

    /** The Type byte on the wire; Stop and Nack entries share it with Offer, Subscribe, Ack (TTL 0). */
    int wireType();

    int serviceId();

    int instanceId();

    int majorVersion();

    /** Lifetime in seconds, 24 bits; 0 for the Stop and Nack entries (feat_req_someipsd_262, _333, _619). */
    int ttl();

    List<SdOption> firstRun();

    List<SdOption> secondRun();

    /** Both option runs, first then second. */
    default List<SdOption> options() {
        List<SdOption> all = new ArrayList<>(firstRun().size() + secondRun().size());
        all.addAll(firstRun());
        all.addAll(secondRun());
        return List.copyOf(all);
    }

    /**
     * The items of all referenced configuration options, merged (feat_req_someipsd_1146) with
     * duplicates kept (feat_req_someipsd_1147).
     */
    default List<ConfigurationItem> configuration() {
        List<ConfigurationItem> items = new ArrayList<>();
        for (SdOption option : options()) {
            if (option instanceof ConfigurationOption configuration) {
                items.addAll(configuration.parsedItems());
            }
        }
        return List.copyOf(items);
    }

    /** The referenced endpoint options of one kind, e.g. {@code endpoints(Ipv4EndpointOption.class)}. */
    default <T extends EndpointOption> List<T> endpoints(Class<T> kind) {
        return options().stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
