package io.vehicle.someip.serialization;

import io.netty.buffer.ByteBuf;

/** Checks before every read, so a short payload is an exception with a field path, never an IndexOutOfBounds. */
final class ReadBounds {

    private ReadBounds() {
    }

    static void require(ByteBuf in, int bytes, String path) throws SerializationException {
        if (in.readableBytes() < bytes) {
            throw new SerializationException(SerializationError.TRUNCATED, path,
                    "needs " + bytes + " bytes, " + in.readableBytes() + " left");
        }
    }
}
