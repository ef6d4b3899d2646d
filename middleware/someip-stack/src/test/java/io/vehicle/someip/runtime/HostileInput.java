package io.vehicle.someip.runtime;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Builds the bytes of valid SOME/IP messages and of mutated, broken ones, from a seeded
 * {@link Random} so a failing flood can be replayed.
 */
final class HostileInput {

    static final byte[] CLIENT_COOKIE = message(0xFFFF, 0x0000, 0xDEAD, 0xBEEF, 1, 0x01, new byte[0]);

    private final Random random;
    private final int service;
    private final int[] methods;
    private final int iface;

    HostileInput(long seed, int service, int iface, int... methods) {
        this.random = new Random(seed);
        this.service = service;
        this.iface = iface;
        this.methods = methods;
    }

    /** A well-formed message: header (feat_req_someip_45) and payload. */
    static byte[] message(int service, int method, int client, int session, int iface, int type, byte[] payload) {
        return ByteBuffer.allocate(16 + payload.length).putShort((short) service).putShort((short) method)
                .putInt(8 + payload.length).putShort((short) client).putShort((short) session).put((byte) 1)
                .put((byte) iface).put((byte) type).put((byte) 0).put(payload).array();
    }

    /** One hostile datagram of a random kind. */
    byte[] datagram() {
        return switch (random.nextInt(10)) {
            case 0 -> bytes(random.nextInt(1500));
            case 1 -> truncate(valid(0x00));
            case 2 -> withLength(valid(0x00), random.nextInt());
            case 3 -> withLength(valid(0x00), random.nextBoolean() ? 0xFFFFFFFF : 0x7FFFFFFF);
            case 4 -> withLength(valid(0x00), random.nextInt(8));
            case 5 -> valid(unknownType());
            case 6 -> valid(0x20 | random.nextInt(3)); // TP flag, garbage where the TP header should be
            case 7 -> concat(valid(0x01), bytes(1 + random.nextInt(40)));
            case 8 -> concat(valid(0x01), withLength(valid(0x00), 0x00FFFFFF), valid(0x01));
            default -> flipBits(valid(random.nextInt(3)));
        };
    }

    /** Random bytes that start with a header whose length no receiver accepts, forcing a resync. */
    byte[] desynchronisingGarbage(int size) {
        byte[] garbage = bytes(Math.max(16, size));
        ByteBuffer.wrap(garbage).putInt(4, random.nextBoolean() ? 0xFFFFFFF0 : random.nextInt(8));
        return garbage;
    }

    byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private byte[] valid(int type) {
        int method = random.nextInt(4) == 0 ? random.nextInt(0x8000) : methods[random.nextInt(methods.length)];
        return message(random.nextInt(8) == 0 ? random.nextInt(0xFFFF) : service, method, 0x0F00, 1 + random
                .nextInt(0xFFFE), random.nextInt(16) == 0 ? random.nextInt(256) : iface, type, bytes(random
                .nextInt(64)));
    }

    private int unknownType() {
        while (true) {
            int type = random.nextInt(256);
            if (io.vehicle.someip.wire.MessageType.fromValue(type) == null) {
                return type;
            }
        }
    }

    private byte[] truncate(byte[] message) {
        byte[] out = new byte[random.nextInt(message.length)];
        System.arraycopy(message, 0, out, 0, out.length);
        return out;
    }

    private static byte[] withLength(byte[] message, int length) {
        ByteBuffer.wrap(message).putInt(4, length);
        return message;
    }

    private byte[] flipBits(byte[] message) {
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            message[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return message;
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
