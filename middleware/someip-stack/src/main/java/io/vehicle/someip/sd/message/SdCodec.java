package io.vehicle.someip.sd.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes the SOME/IP-SD payload (feat_req_someipsd_205): Flags, 24 reserved bits,
 * the entries array and the options array, each behind a uint32 byte length (feat_req_someipsd_44).
 * Pure functions over ByteBufs; what to do with a decoded message is the state machines' business.
 */
public final class SdCodec {

    /** feat_req_someipsd_26: the SOME/IP header of every SD message. */
    public static final int SERVICE_ID = 0xFFFF;
    public static final int METHOD_ID = 0x8100;
    public static final int CLIENT_ID = 0x0000;
    public static final int INTERFACE_VERSION = 0x01;
    /** Flags, Reserved, entries array length and options array length of an empty message. */
    public static final int MIN_PAYLOAD_SIZE = 12;
    public static final int ENTRY_SIZE = 16;

    static final int REBOOT_FLAG = 0x80;
    static final int UNICAST_FLAG = 0x40;
    static final int EXPLICIT_INITIAL_DATA_CONTROL_FLAG = 0x20;
    private static final int INITIAL_DATA_REQUESTED_FLAG = 0x80;
    private static final int MAX_OPTION_INDEX = 0xFF;

    private SdCodec() {
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes the SD payload into a new buffer from {@code alloc}; the caller owns it. */
    public static ByteBuf encode(SdMessage message, ByteBufAllocator alloc) {
        Layout layout = Layout.of(message); // validate before allocating, so nothing leaks on a bad message
        ByteBuf out = alloc.buffer();
        layout.write(out);
        return out;
    }

    /** Appends the SD payload to {@code out}. */
    public static void encode(SdMessage message, ByteBuf out) {
        Layout.of(message).write(out);
    }

    /**
     * A whole SD message: service 0xFFFF, method 0x8100, client 0, the given session (1..0xFFFF,
     * never 0), protocol and interface version 1, NOTIFICATION, E_OK (feat_req_someipsd_26).
     * The caller owns the result.
     */
    public static SomeIpMessage encodeMessage(SdMessage message, int sessionId, ByteBufAllocator alloc) {
        if (sessionId < 1 || sessionId > 0xFFFF) {
            throw new IllegalArgumentException("SD session id must be 1..0xFFFF (feat_req_someipsd_26): " + sessionId);
        }
        ByteBuf payload = encode(message, alloc);
        return new SomeIpMessage(SERVICE_ID, METHOD_ID, CLIENT_ID, sessionId, SomeIpMessage.PROTOCOL_VERSION,
                INTERFACE_VERSION, MessageType.NOTIFICATION, ReturnCode.E_OK.value(), payload);
    }

    /** Where every option goes: the options array and each entry's run indexes. */
    private record Layout(SdMessage message, List<SdOption> array, int[] firstIndex, int[] secondIndex) {

        static Layout of(SdMessage message) {
            List<SdOption> array = new ArrayList<>(message.options());
            List<SdEntry> entries = message.entries();
            int[] first = new int[entries.size()];
            int[] second = new int[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                SdEntry entry = entries.get(i);
                for (SdOption option : entry.options()) {
                    if (option instanceof Ipv4SdEndpointOption || option instanceof Ipv6SdEndpointOption) {
                        throw new IllegalArgumentException(
                                "SD endpoint options are never referenced by entries (feat_req_someipsd_1114)");
                    }
                }
                first[i] = place(array, entry.firstRun());
                second[i] = place(array, entry.secondRun());
            }
            return new Layout(message, array, first, second);
        }

        /** feat_req_someipsd_900: reuse a contiguous run already in the array, else append it. */
        private static int place(List<SdOption> array, List<SdOption> run) {
            if (run.isEmpty()) {
                return 0; // feat_req_someipsd_348
            }
            for (int i = 0; i + run.size() <= array.size() && i <= MAX_OPTION_INDEX; i++) {
                if (array.subList(i, i + run.size()).equals(run)) {
                    return i;
                }
            }
            int index = array.size();
            if (index > MAX_OPTION_INDEX) {
                throw new IllegalArgumentException("option run would start at index " + index + ", past 255");
            }
            array.addAll(run);
            return index;
        }

        void write(ByteBuf out) {
            int flags = (message.reboot() ? REBOOT_FLAG : 0) | (message.unicast() ? UNICAST_FLAG : 0)
                    | (message.explicitInitialDataControl() ? EXPLICIT_INITIAL_DATA_CONTROL_FLAG : 0);
            out.writeByte(flags);
            out.writeMedium(0); // feat_req_someipsd_42
            List<SdEntry> entries = message.entries();
            out.writeInt(entries.size() * ENTRY_SIZE);
            for (int i = 0; i < entries.size(); i++) {
                writeEntry(entries.get(i), firstIndex[i], secondIndex[i], out);
            }
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            for (SdOption option : array) {
                OptionCodec.write(option, out);
            }
            out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
        }

        private static void writeEntry(SdEntry entry, int index1, int index2, ByteBuf out) {
            out.writeByte(entry.wireType());
            out.writeByte(index1);
            out.writeByte(index2);
            out.writeByte(entry.firstRun().size() << 4 | entry.secondRun().size());
            out.writeShort(entry.serviceId());
            out.writeShort(entry.instanceId());
            out.writeByte(entry.majorVersion());
            out.writeMedium(entry.ttl());
            if (entry instanceof ServiceEntry service) {
                out.writeInt(service.minorVersion());
            } else {
                EventgroupEntry eventgroup = (EventgroupEntry) entry;
                out.writeByte(0); // Reserved (feat_req_someipsd_109)
                out.writeByte((eventgroup.initialDataRequested() ? INITIAL_DATA_REQUESTED_FLAG : 0)
                        | eventgroup.counter());
                out.writeShort(eventgroup.eventgroupId());
            }
        }
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Checks the SOME/IP header of an SD message (feat_req_someipsd_1220, feat_req_someipsd_26) and
     * decodes its payload. The message is not released.
     */
    public static DecodedSdMessage decode(SomeIpMessage message) throws SdFormatException {
        if (message.serviceId() != SERVICE_ID || message.methodId() != METHOD_ID
                || message.messageType() != MessageType.NOTIFICATION
                || message.protocolVersion() != SomeIpMessage.PROTOCOL_VERSION
                || message.interfaceVersion() != INTERFACE_VERSION || message.returnCode() != ReturnCode.E_OK.value()) {
            throw new SdFormatException(SdFormatError.NOT_SD_HEADER, message.toString());
        }
        return decode(message.payload());
    }

    /**
     * Decodes the readable bytes of {@code payload}, all of which must belong to the SD message
     * (the SOME/IP Length bounds it). Neither the reader index nor the reference count changes.
     *
     * <p>A message whose lengths do not fit (feat_req_someipsd_1164: not enough bytes for the
     * header or the arrays) is rejected as a whole with {@link SdFormatException}. An entry that
     * fails its own checks (feat_req_someipsd_102) is reported in {@link DecodedSdMessage#rejected()}
     * and the other entries are still delivered (feat_req_someipsd_862).
     */
    public static DecodedSdMessage decode(ByteBuf payload) throws SdFormatException {
        int start = payload.readerIndex();
        int end = payload.writerIndex();
        int size = end - start;
        if (size < MIN_PAYLOAD_SIZE) {
            throw new SdFormatException(SdFormatError.TRUNCATED_HEADER,
                    size + " bytes, an empty SD message has " + MIN_PAYLOAD_SIZE);
        }
        int flags = payload.getUnsignedByte(start);
        // feat_req_someipsd_1180: undefined flag bits and the reserved field are ignored on receipt.
        long entriesLength = payload.getUnsignedInt(start + 4);
        int entriesStart = start + 8;
        if (entriesLength > end - entriesStart) {
            throw new SdFormatException(SdFormatError.ENTRIES_LENGTH_BEYOND_END,
                    "entries array of " + entriesLength + " bytes, " + (end - entriesStart) + " remain");
        }
        if (entriesLength % ENTRY_SIZE != 0) {
            throw new SdFormatException(SdFormatError.ENTRIES_LENGTH_NOT_MULTIPLE_OF_16,
                    "entries array of " + entriesLength + " bytes");
        }
        int optionsLengthAt = entriesStart + (int) entriesLength;
        if (end - optionsLengthAt < 4) {
            throw new SdFormatException(SdFormatError.MISSING_OPTIONS_LENGTH,
                    (end - optionsLengthAt) + " bytes after the entries array");
        }
        long optionsLength = payload.getUnsignedInt(optionsLengthAt);
        int optionsStart = optionsLengthAt + 4;
        if (optionsLength > end - optionsStart) {
            throw new SdFormatException(SdFormatError.OPTIONS_LENGTH_BEYOND_END,
                    "options array of " + optionsLength + " bytes, " + (end - optionsStart) + " remain");
        }
        int optionsEnd = optionsStart + (int) optionsLength;
        if (optionsEnd != end) {
            throw new SdFormatException(SdFormatError.TRAILING_BYTES,
                    (end - optionsEnd) + " bytes after the options array");
        }
        List<OptionCodec.Slot> slots = readOptions(payload, optionsStart, optionsEnd);

        int count = (int) entriesLength / ENTRY_SIZE;
        List<SdEntry> entries = new ArrayList<>(count);
        List<OptionRunIndexes> indexes = new ArrayList<>(count);
        List<RejectedSdEntry> rejected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EntryReader.read(payload, entriesStart + i * ENTRY_SIZE, i, slots, entries, indexes, rejected);
        }
        List<SdOption> options = new ArrayList<>(slots.size());
        for (OptionCodec.Slot slot : slots) {
            options.add(slot.option());
        }
        SdMessage message = new SdMessage((flags & REBOOT_FLAG) != 0, (flags & UNICAST_FLAG) != 0,
                (flags & EXPLICIT_INITIAL_DATA_CONTROL_FLAG) != 0, entries, options);
        return new DecodedSdMessage(message, indexes, rejected);
    }

    private static List<OptionCodec.Slot> readOptions(ByteBuf in, int at, int end) throws SdFormatException {
        List<OptionCodec.Slot> slots = new ArrayList<>();
        while (at < end) {
            if (end - at < OptionCodec.HEADER_SIZE) {
                throw new SdFormatException(SdFormatError.TRUNCATED_OPTION_HEADER,
                        (end - at) + " bytes left in the options array for option " + slots.size());
            }
            int length = in.getUnsignedShort(at);
            int type = in.getUnsignedByte(at + 2);
            int contentStart = at + OptionCodec.HEADER_SIZE;
            if (length > end - contentStart) {
                throw new SdFormatException(SdFormatError.OPTION_LENGTH_BEYOND_END, String.format(
                        "option %d (type 0x%02X) of length %d, %d bytes remain in the options array",
                        slots.size(), type, length, end - contentStart));
            }
            slots.add(OptionCodec.read(in, contentStart, length, type));
            at = contentStart + length;
        }
        return slots;
    }
}
