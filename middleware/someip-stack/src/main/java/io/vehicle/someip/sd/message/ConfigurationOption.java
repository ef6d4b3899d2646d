package io.vehicle.someip.sd.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration Option (feat_req_someipsd_152): DNS-SD TXT style character sequences
 * (feat_req_someipsd_149), each {@code key}, {@code key=} or {@code key=value}. Items keep their
 * order and duplicates (feat_req_someipsd_684). Characters are bytes (ISO-8859-1), so any value
 * survives a round trip unchanged.
 */
public record ConfigurationOption(List<String> items) implements SdOption {

    public static final int TYPE = 0x01;

    public ConfigurationOption {
        items = List.copyOf(items);
        for (String item : items) {
            String problem = problem(item);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    public static ConfigurationOption of(String... items) {
        return new ConfigurationOption(List.of(items));
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** The items split into key and value. */
    public List<ConfigurationItem> parsedItems() {
        List<ConfigurationItem> parsed = new ArrayList<>(items.size());
        for (String item : items) {
            parsed.add(ConfigurationItem.parse(item));
        }
        return parsed;
    }

    /** Why a character sequence is not a valid item, or null when it is. */
    static String problem(String item) {
        if (item == null) {
            return "null configuration item";
        }
        if (item.isEmpty()) {
            // A zero length byte ends the string (feat_req_someipsd_151), so an empty item cannot be written.
            return "empty configuration item";
        }
        if (item.length() > 0xFF) {
            return "configuration item longer than 255 bytes";
        }
        if (item.charAt(0) == '=') {
            return "configuration item starts with '=' (feat_req_someipsd_161)";
        }
        int end = item.indexOf('=');
        String key = end < 0 ? item : item.substring(0, end);
        boolean visible = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return String.format("configuration key with non-printable character 0x%02X (feat_req_someipsd_162)",
                        (int) c);
            }
            visible |= c != ' ';
        }
        if (!visible) {
            return "configuration key of whitespace only (feat_req_someipsd_162)";
        }
        for (int i = end + 1; end >= 0 && i < item.length(); i++) {
            if (item.charAt(i) > 0xFF) {
                return "configuration value with a character outside one byte";
            }
        }
        return null;
    }

    /** The bytes of the configuration string: length-prefixed items and a terminating zero (feat_req_someipsd_150). */
    byte[] configurationString() {
        int size = 1;
        for (String item : items) {
            size += 1 + item.length();
        }
        byte[] out = new byte[size];
        int at = 0;
        for (String item : items) {
            out[at++] = (byte) item.length();
            byte[] bytes = item.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(bytes, 0, out, at, bytes.length);
            at += bytes.length;
        }
        return out;
    }
}
