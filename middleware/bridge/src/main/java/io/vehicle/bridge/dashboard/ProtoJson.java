package io.vehicle.bridge.dashboard;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/** Protobuf messages to and from the page, in protobuf's own JSON mapping (lowerCamel names, enums by name). */
final class ProtoJson {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private ProtoJson() {
    }

    static String print(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            // Only Any fields with unknown types fail to print; the APIs shown here have none.
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getFullName(), e);
        }
    }

    /** Parses a request the page sent; unknown fields and wrong types are refused with the parser's reason. */
    static <B extends Message.Builder> B parse(String json, B builder) throws BadRequest {
        try {
            PARSER.merge(json == null || json.isBlank() ? "{}" : json, builder);
            return builder;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new BadRequest(builder.getDescriptorForType().getName() + ": " + e.getMessage());
        }
    }

    /** A request the page should not have sent: answered 400 with the reason. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }
}
