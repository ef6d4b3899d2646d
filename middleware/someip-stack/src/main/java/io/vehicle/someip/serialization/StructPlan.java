package io.vehicle.someip.serialization;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The compiled wire layout of one message type: its members in declaration order, each a prepared codec.
 * Built once per Descriptor and cached, so serializing walks no options and no maps.
 */
final class StructPlan {

    private final Descriptor type;
    private MemberCodec[] members = new MemberCodec[0];
    private int fixedSize = Integer.MIN_VALUE; // not computed yet
    private boolean computingSize;
    private boolean complete;

    StructPlan(Descriptor type) {
        this.type = type;
    }

    Descriptor type() {
        return type;
    }

    /** Filled after construction, so that recursive types can refer to a plan still being compiled. */
    void setMembers(List<MemberCodec> compiled) {
        this.members = compiled.toArray(new MemberCodec[0]);
        this.complete = true;
    }

    /** Only called while plans are compiled, under the compiler's lock. */
    int fixedSize() {
        if (fixedSize != Integer.MIN_VALUE) {
            return fixedSize;
        }
        if (computingSize || !complete) {
            return -1; // recursive type, asked while it is compiled: never fixed, and not cached
        }
        computingSize = true;
        int sum = 0;
        for (MemberCodec member : members) {
            int size = member.fixedSize();
            if (size < 0) {
                sum = -1;
                break;
            }
            sum += size;
        }
        computingSize = false;
        fixedSize = sum;
        return sum;
    }

    void write(MessageOrBuilder message, ByteBuf out, int depth) throws SerializationException {
        for (MemberCodec member : members) {
            member.write(message, out, depth);
        }
    }

    void read(ByteBuf in, Message.Builder builder, int depth) throws SerializationException {
        for (MemberCodec member : members) {
            member.read(in, builder, depth);
        }
    }
}
