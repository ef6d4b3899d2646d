package io.vehicle.someip.sd.message;

import java.util.List;

/** Range checks shared by the entry records; a value out of range is a programming error. */
final class EntryFields {

    private EntryFields() {
    }

    static void check(int serviceId, int instanceId, int majorVersion) {
        range(serviceId, 0xFFFF, "service id");
        range(instanceId, 0xFFFF, "instance id");
        range(majorVersion, 0xFF, "major version");
    }

    static void ttl(int ttl, int min) {
        if (ttl < min || ttl > SdEntry.TTL_UNTIL_REBOOT) {
            throw new IllegalArgumentException("TTL out of range " + min + "..0xFFFFFF: " + ttl);
        }
    }

    static void eventgroup(int counter, int eventgroupId) {
        range(counter, 0xF, "counter");
        range(eventgroupId, 0xFFFF, "eventgroup id");
    }

    static List<SdOption> run(List<SdOption> run, String which) {
        List<SdOption> copy = List.copyOf(run);
        if (copy.size() > SdEntry.MAX_OPTIONS_PER_RUN) {
            throw new IllegalArgumentException(which + " option run has " + copy.size() + " options, at most 15 fit");
        }
        return copy;
    }

    private static void range(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " out of range 0.." + max + ": " + value);
        }
    }
}
