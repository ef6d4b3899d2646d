package io.vehicle.someip.sd.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one 16-byte entry and resolves its option runs against the options array, applying the
 * per-entry checks of feat_req_someipsd_1164 and feat_req_someipsd_102.
 */
final class EntryReader {

    private EntryReader() {
    }

    /** The outcome of resolving an entry's option runs: the runs, or why the entry is rejected. */
    private record Resolution(List<SdOption> first, List<SdOption> second, EntryRejection reason, String detail) {
        static Resolution reject(EntryRejection reason, String detail) {
            return new Resolution(List.of(), List.of(), reason, detail);
        }
    }

    static void read(ByteBuf in, int at, int position, List<OptionCodec.Slot> slots, List<SdEntry> entries,
                     List<OptionRunIndexes> indexes, List<RejectedSdEntry> rejected) {
        int type = in.getUnsignedByte(at);
        int counts = in.getUnsignedByte(at + 3);
        OptionRunIndexes runs = new OptionRunIndexes(in.getUnsignedByte(at + 1), in.getUnsignedByte(at + 2),
                counts >>> 4, counts & 0x0F);
        if (!knownType(type)) {
            rejected.add(new RejectedSdEntry(position, type, null, runs, EntryRejection.UNKNOWN_ENTRY_TYPE,
                    String.format("entry type 0x%02X", type)));
            return;
        }
        Resolution resolution = resolve(type, runs, slots);
        List<SdOption> first = resolution.first();
        List<SdOption> second = resolution.second();
        int serviceId = in.getUnsignedShort(at + 4);
        int instanceId = in.getUnsignedShort(at + 6);
        int major = in.getUnsignedByte(at + 8);
        int ttl = in.getUnsignedMedium(at + 9);
        SdEntry entry;
        if (type == SdEntry.TYPE_FIND_SERVICE || type == SdEntry.TYPE_OFFER_SERVICE) {
            int minor = in.getInt(at + 12);
            entry = type == SdEntry.TYPE_FIND_SERVICE ? new FindService(serviceId, instanceId, major, minor, ttl, first, second)
                    : ttl == 0 ? new StopOfferService(serviceId, instanceId, major, minor, first, second)
                    : new OfferService(serviceId, instanceId, major, minor, ttl, first, second);
        } else {
            // at + 12 is Reserved; Reserved2 bits are ignored on receipt (feat_req_someipsd_109).
            int flags = in.getUnsignedByte(at + 13);
            boolean initialData = (flags & 0x80) != 0;
            int counter = flags & 0x0F;
            int eventgroupId = in.getUnsignedShort(at + 14);
            if (type == SdEntry.TYPE_SUBSCRIBE_EVENTGROUP) {
                entry = ttl == 0
                        ? new StopSubscribeEventgroup(serviceId, instanceId, major, initialData, counter, eventgroupId, first, second)
                        : new SubscribeEventgroup(serviceId, instanceId, major, ttl, initialData, counter, eventgroupId, first, second);
            } else {
                entry = ttl == 0
                        ? new SubscribeEventgroupNack(serviceId, instanceId, major, initialData, counter, eventgroupId, first, second)
                        : new SubscribeEventgroupAck(serviceId, instanceId, major, ttl, initialData, counter, eventgroupId, first, second);
            }
        }
        if (resolution.reason() != null) {
            rejected.add(new RejectedSdEntry(position, type, entry, runs, resolution.reason(), resolution.detail()));
        } else {
            entries.add(entry);
            indexes.add(runs);
        }
    }

    private static boolean knownType(int type) {
        return type == SdEntry.TYPE_FIND_SERVICE || type == SdEntry.TYPE_OFFER_SERVICE
                || type == SdEntry.TYPE_SUBSCRIBE_EVENTGROUP || type == SdEntry.TYPE_SUBSCRIBE_EVENTGROUP_ACK;
    }

    private static Resolution resolve(int type, OptionRunIndexes runs, List<OptionCodec.Slot> slots) {
        List<SdOption> first = new ArrayList<>();
        List<SdOption> second = new ArrayList<>();
        Resolution problem = resolveRun(type, runs.index1(), runs.count1(), slots, first);
        if (problem == null) {
            problem = resolveRun(type, runs.index2(), runs.count2(), slots, second);
        }
        if (problem != null) {
            return problem;
        }
        List<SdOption> all = new ArrayList<>(first);
        all.addAll(second);
        String conflict = conflict(all);
        if (conflict != null) {
            return Resolution.reject(EntryRejection.CONFLICTING_OPTIONS, conflict);
        }
        return new Resolution(first, second, null, null);
    }

    /** Resolves one run into {@code into}; returns a rejection, or null when the run is acceptable. */
    private static Resolution resolveRun(int type, int index, int count, List<OptionCodec.Slot> slots,
                                         List<SdOption> into) {
        if (count == 0) {
            return null; // feat_req_someipsd_343, feat_req_someipsd_347: an empty run's index means nothing
        }
        if (index + count > slots.size()) {
            return Resolution.reject(EntryRejection.MISSING_OPTION, String.format(
                    "run of %d options from index %d, the options array has %d", count, index, slots.size()));
        }
        for (int i = index; i < index + count; i++) {
            OptionCodec.Slot slot = slots.get(i);
            SdOption option = slot.option();
            if (slot.malformed() != null) {
                return Resolution.reject(EntryRejection.MALFORMED_OPTION, "option " + i + ": " + slot.malformed());
            }
            if (slot.unknownType()) {
                if (slot.discardable()) {
                    continue; // feat_req_someipsd_1142, feat_req_someipsd_102: an unknown discardable option is ignored
                }
                return Resolution.reject(EntryRejection.UNKNOWN_OPTION_NOT_DISCARDABLE, String.format(
                        "option %d of unknown type 0x%02X without the discardable flag", i, option.type()));
            }
            if (!allowed(type, option)) {
                if (type == SdEntry.TYPE_FIND_SERVICE && option instanceof EndpointOption
                        && !isSdEndpoint(option)) {
                    continue; // feat_req_someipsd_106: a Find entry keeps going without its endpoint options
                }
                if (slot.discardable()) {
                    continue; // feat_req_someipsd_102
                }
                return Resolution.reject(EntryRejection.OPTION_NOT_ALLOWED, String.format(
                        "option %d (%s) may not be referenced by entry type 0x%02X", i,
                        option.getClass().getSimpleName(), type));
            }
            into.add(option);
        }
        return null;
    }

    /**
     * Option types each entry may reference: configuration everywhere; load balancing and
     * endpoints with offers (feat_req_someipsd_754, _681) and multicast (feat_req_someipsd_855);
     * endpoints with subscriptions (feat_req_someipsd_682); multicast and not endpoints with
     * acknowledgements (feat_req_someipsd_854, _763); SD endpoints with none (feat_req_someipsd_1114).
     */
    private static boolean allowed(int type, SdOption option) {
        boolean offer = type == SdEntry.TYPE_OFFER_SERVICE;
        if (option instanceof ConfigurationOption) {
            return true;
        }
        if (option instanceof LoadBalancingOption) {
            return offer;
        }
        if (option instanceof Ipv4EndpointOption || option instanceof Ipv6EndpointOption) {
            return offer || type == SdEntry.TYPE_SUBSCRIBE_EVENTGROUP;
        }
        if (option instanceof Ipv4MulticastOption || option instanceof Ipv6MulticastOption) {
            return offer || type == SdEntry.TYPE_SUBSCRIBE_EVENTGROUP_ACK;
        }
        return false; // SD endpoints and unknown types
    }

    private static boolean isSdEndpoint(SdOption option) {
        return option instanceof Ipv4SdEndpointOption || option instanceof Ipv6SdEndpointOption;
    }

    /**
     * feat_req_someipsd_1144: two options of the same kind with different content, e.g. two IPv4
     * UDP endpoints with different ports, or two load balancing options. Identical repeats are only
     * redundant (feat_req_someipsd_1141). Configuration options never conflict; they merge
     * (feat_req_someipsd_1146).
     */
    private static String conflict(List<SdOption> options) {
        for (int i = 0; i < options.size(); i++) {
            for (int j = i + 1; j < options.size(); j++) {
                SdOption a = options.get(i);
                SdOption b = options.get(j);
                if (a.getClass() != b.getClass() || a.equals(b) || a instanceof ConfigurationOption) {
                    continue;
                }
                if (a instanceof EndpointOption ea && b instanceof EndpointOption eb && ea.protocol() != eb.protocol()) {
                    continue; // one UDP and one TCP endpoint is the normal case (feat_req_someipsd_849)
                }
                return "conflicting options " + a + " and " + b;
            }
        }
        return null;
    }
}
