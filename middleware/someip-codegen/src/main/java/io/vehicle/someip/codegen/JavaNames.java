package io.vehicle.someip.codegen;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.squareup.javapoet.ClassName;
import java.util.ArrayDeque;
import java.util.Deque;

/** The Java class protoc generates for a message, by the same rules protoc uses. */
final class JavaNames {

    private JavaNames() {
    }

    static ClassName messageClass(Descriptor type) {
        FileDescriptor file = type.getFile();
        String javaPackage = file.getOptions().hasJavaPackage() ? file.getOptions().getJavaPackage() : file.getPackage();
        Deque<String> names = new ArrayDeque<>();
        for (Descriptor d = type; d != null; d = d.getContainingType()) {
            names.addFirst(d.getName());
        }
        if (!file.getOptions().getJavaMultipleFiles()) {
            names.addFirst(outerClassName(file));
        }
        String top = names.removeFirst();
        return ClassName.get(javaPackage, top, names.toArray(String[]::new));
    }

    private static String outerClassName(FileDescriptor file) {
        if (file.getOptions().hasJavaOuterClassname()) {
            return file.getOptions().getJavaOuterClassname();
        }
        String base = file.getName().substring(file.getName().lastIndexOf('/') + 1).replace(".proto", "");
        String camel = upperCamel(base);
        for (Descriptor type : file.getMessageTypes()) {
            if (type.getName().equals(camel)) {
                return camel + "OuterClass";
            }
        }
        return camel;
    }

    static String upperCamel(String snakeOrCamel) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : snakeOrCamel.toCharArray()) {
            if (c == '_' || c == '-' || c == '.') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    static String lowerCamel(String name) {
        String upper = upperCamel(name);
        return Character.toLowerCase(upper.charAt(0)) + upper.substring(1);
    }

    /** A constant's name: GetClimate, get_climate and getClimate all give GET_CLIMATE. */
    static String constant(String name) {
        String camel = upperCamel(name);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean wordStart = i > 0 && Character.isUpperCase(c) && (Character.isLowerCase(camel.charAt(i - 1))
                    || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))));
            if (wordStart) {
                out.append('_');
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }

    /** io.vehicle.api + the proto package without its leading "vehicle.". */
    static String apiPackage(FileDescriptor file) {
        String pkg = file.getPackage();
        return "io.vehicle.api." + (pkg.startsWith("vehicle.") ? pkg.substring("vehicle.".length()) : pkg);
    }
}
