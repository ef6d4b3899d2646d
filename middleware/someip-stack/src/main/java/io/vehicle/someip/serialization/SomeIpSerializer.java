package io.vehicle.someip.serialization;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes any protobuf message as a SOME/IP payload and reads it back, by the deployment in its options
 * (vehicle/someip/v1/someip_options.proto): the message's fields in declaration order, big-endian, no
 * padding (feat_req_someip_230). Plans are compiled once per Descriptor; instances are thread-safe and meant
 * to be shared. Bytes after the last member of a payload are ignored, as in an extended struct
 * (feat_req_someip_601). Never changes reference counts of the buffers it is given.
 */
public final class SomeIpSerializer {

    private static final SomeIpSerializer SHARED = new SomeIpSerializer();

    private final StructPlanCompiler compiler;

    /** One instance with the default limits, shared so each type's plan is compiled once per process. */
    public static SomeIpSerializer shared() {
        return SHARED;
    }

    public SomeIpSerializer() {
        this(SerializationLimits.DEFAULT);
    }

    public SomeIpSerializer(SerializationLimits limits) {
        this.compiler = new StructPlanCompiler(limits);
    }

    /** Appends the payload of {@code message} to {@code out}; on failure {@code out} is left as it was. */
    public void serialize(MessageOrBuilder message, ByteBuf out) throws SerializationException {
        int start = out.writerIndex();
        try {
            compiler.planFor(message.getDescriptorForType()).write(message, out, 0);
        } catch (SerializationException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /** The payload of {@code message} in a new buffer from {@code allocator}; the caller releases it. */
    public ByteBuf serialize(MessageOrBuilder message, ByteBufAllocator allocator) throws SerializationException {
        ByteBuf out = allocator.buffer();
        try {
            serialize(message, out);
            return out;
        } catch (SerializationException | RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Reads a payload of {@code type} from {@code in}'s reader index; on failure the reader index is restored. */
    public DynamicMessage deserialize(ByteBuf in, Descriptor type) throws SerializationException {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        deserializeInto(in, builder);
        return builder.build();
    }

    /** Reads a payload into a message of the prototype's (generated) type. */
    @SuppressWarnings("unchecked")
    public <T extends Message> T deserialize(ByteBuf in, T prototype) throws SerializationException {
        Message.Builder builder = prototype.newBuilderForType();
        deserializeInto(in, builder);
        return (T) builder.build();
    }

    /** Reads a payload into {@code builder}, whose type gives the layout. */
    public void deserializeInto(ByteBuf in, Message.Builder builder) throws SerializationException {
        int start = in.readerIndex();
        try {
            compiler.planFor(builder.getDescriptorForType()).read(in, builder, 0);
        } catch (SerializationException e) {
            in.readerIndex(start);
            throw e;
        }
    }

    /**
     * Compiles the plan of {@code type} now, so a bad deployment fails at startup, not on the first message.
     *
     * @throws IllegalArgumentException if the options describe a layout that cannot be serialized
     */
    public void prepare(Descriptor type) {
        compiler.planFor(type);
    }
}
