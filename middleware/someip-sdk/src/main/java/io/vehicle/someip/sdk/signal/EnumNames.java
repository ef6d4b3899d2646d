package io.vehicle.someip.sdk.signal;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import java.util.Locale;

/**
 * Enum values as signals name them: without the enum's prefix ({@code AIR_DISTRIBUTION_UP} is
 * {@code UP}), the way the IDL's allowed lists and VSS write them.
 */
final class EnumNames {

    private EnumNames() {
    }

    static String shortName(EnumValueDescriptor value) {
        String prefix = prefix(value.getType());
        String name = value.getName();
        return name.startsWith(prefix) && name.length() > prefix.length() ? name.substring(prefix.length()) : name;
    }

    /** The value with this short (or full) name, or null. */
    static EnumValueDescriptor value(EnumDescriptor type, String name) {
        for (EnumValueDescriptor value : type.getValues()) {
            if (shortName(value).equals(name) || value.getName().equals(name)) {
                return value;
            }
        }
        return null;
    }

    /** {@code AirDistribution} → {@code AIR_DISTRIBUTION_}. */
    private static String prefix(EnumDescriptor type) {
        String camel = type.getName();
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && !Character.isUpperCase(camel.charAt(i - 1))) {
                snake.append('_');
            }
            snake.append(c);
        }
        return snake.toString().toUpperCase(Locale.ROOT) + "_";
    }
}
