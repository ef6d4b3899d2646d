package io.vehicle.assistant.intent.offline;

import java.util.List;
import java.util.Map;

/**
 * The devices as written in {@code assistant/offline/devices.yaml}: which catalog signals each one drives, what
 * each verb does to it, and default zones and step sizes. Language-neutral; the words are in the lexicons.
 */
record DeviceFile(Map<String, Map<Intensity, Double>> steps, Map<Device.Kind, Map<Verb, String>> defaults,
        String zonedNumberDevice, Map<Verb, String> verbDevices, List<DeviceEntry> devices) {

    /**
     * @param paths       VSS paths or patterns where {@code *} stands for one path segment
     * @param quantities  what complaints about it are about ("warmth", "loudness", "brightness", "airflow")
     * @param defaultZone "driver" or "all": the zone when the driver names none
     * @param zoneByVerb  default zone per verb, where it differs ("close the windows" closes all of them)
     * @param verbs       operation per verb, over the defaults of its kind: up, down, max, min, set, open, close,
     *                    next, previous, true, false, value:X
     * @param order       for enumerations: the order "faster"/"slower" move along
     * @param offSwitch   a switch device whose "on" turns this one off, used for on/off when it has none
     */
    record DeviceEntry(String id, List<String> paths, List<String> quantities, String defaultZone,
            Map<Verb, String> zoneByVerb, Map<Verb, String> verbs, List<String> order, String offSwitch) {
    }
}
