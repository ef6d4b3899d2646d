package io.vehicle.someip.sd.message;

import java.util.List;
import java.util.Optional;

/**
 * The content of one SOME/IP-SD message (feat_req_someipsd_38): the flags, the entries in the
 * order they are processed (feat_req_someipsd_862), and the options array.
 *
 * <p>{@code options} is the start of the options array. When encoding, options referenced by
 * entries are found there (as a contiguous run) or appended, each distinct run once
 * (feat_req_someipsd_900); so a sender usually passes only the SD endpoint option here, which must
 * be first (feat_req_someipsd_1151). A decoded message carries the whole options array here, in
 * wire order, so {@link OptionRunIndexes} index into it.
 *
 * @param reboot the Reboot Flag (feat_req_someipsd_40, feat_req_someipsd_41)
 * @param unicast the Unicast Flag, always set by senders (feat_req_someipsd_87, feat_req_someipsd_100)
 * @param explicitInitialDataControl the Explicit Initial Data Control Flag (feat_req_someipsd_1187)
 */
public record SdMessage(boolean reboot, boolean unicast, boolean explicitInitialDataControl, List<SdEntry> entries,
                        List<SdOption> options) {

    public SdMessage {
        entries = List.copyOf(entries);
        options = List.copyOf(options);
    }

    /** A message as this stack sends it: unicast flag set, no explicit initial data control, no extra options. */
    public static SdMessage of(boolean reboot, List<SdEntry> entries) {
        return new SdMessage(reboot, true, false, entries, List.of());
    }

    /**
     * The sender's SD endpoint, to be used instead of the datagram's source (feat_req_someipsd_1084):
     * the first SD endpoint option of the array; later ones are ignored (feat_req_someipsd_1152).
     */
    public Optional<EndpointOption> sdEndpoint() {
        return options.stream()
                .filter(o -> o instanceof Ipv4SdEndpointOption || o instanceof Ipv6SdEndpointOption)
                .map(EndpointOption.class::cast)
                .findFirst();
    }
}
