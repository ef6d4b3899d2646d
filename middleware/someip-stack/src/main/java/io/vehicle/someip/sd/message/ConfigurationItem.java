package io.vehicle.someip.sd.message;

/**
 * One item of a configuration option: a key that is present (feat_req_someipsd_160), present with
 * an empty value (feat_req_someipsd_217), or with a value (feat_req_someipsd_157). {@code value} is
 * null when the item has no '='.
 */
public record ConfigurationItem(String key, String value) {

    static ConfigurationItem parse(String item) {
        int equals = item.indexOf('=');
        return equals < 0 ? new ConfigurationItem(item, null)
                : new ConfigurationItem(item.substring(0, equals), item.substring(equals + 1));
    }

    public boolean hasValue() {
        return value != null;
    }
}
