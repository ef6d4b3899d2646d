package io.vehicle.bridge.bench;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.vehicle.bridge.bench.v1.Group0;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.binding.DescriptorSkeleton;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.serialization.SomeIpSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The bench service's ECU: 100 uint64 signals in 10 fields. {@link #publish} changes one signal to a value
 * (the send time, System.nanoTime, on CLOCK_MONOTONIC) and notifies its field; setters apply at once.
 */
final class BenchEcu implements AutoCloseable {

    static final ServiceBinding SERVICE = ServiceBinding.of(Group0.getDescriptor().getFile()
            .findServiceByName("BenchService"));
    static final int GROUPS = 10;
    static final int SIGNALS = 100;

    private final SomeIpNode node;
    private final DescriptorSkeleton skeleton;
    private final Message[] groups = new Message[GROUPS];
    private final List<FieldDescriptor[]> members = new ArrayList<>();

    BenchEcu(String address, int sdPort) {
        node = SomeIpNode.start(NodeConfig.defaults().withUnicast(address).withSd(sdPort, SdTimings.fast()));
        DescriptorSkeleton.Builder builder = DescriptorSkeleton.builder(SERVICE, SomeIpSerializer.shared());
        for (int g = 0; g < GROUPS; g++) {
            FieldBinding field = SERVICE.fields().get("Group" + g);
            groups[g] = DynamicMessage.getDefaultInstance(field.type());
            members.add(field.type().getFields().toArray(FieldDescriptor[]::new));
            builder.onSet(field.name(), DynamicMessage.getDefaultInstance(field.type()),
                    CompletableFuture::completedFuture);
        }
        skeleton = builder.build(node);
        skeleton.offer();
    }

    /** Signal {@code index} (0..99) takes {@code value}; its field notifies. One thread publishes. */
    void publish(int index, long value) {
        int g = index / 10;
        groups[g] = groups[g].toBuilder().setField(members.get(g)[index % 10], value).build();
        skeleton.updateField("Group" + g, groups[g]);
    }

    /** All 10 signals of field {@code group} take {@code value} in one notification. */
    void publishField(int group, long value) {
        Message.Builder builder = groups[group].toBuilder();
        for (FieldDescriptor member : members.get(group)) {
            builder.setField(member, value);
        }
        groups[group] = builder.build();
        skeleton.updateField("Group" + group, groups[group]);
    }

    /** {@code count} notifications as fast as possible, each changing all 10 signals of a field. */
    long runFields(int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            publishField(i % GROUPS, System.nanoTime());
        }
        return System.nanoTime() - start;
    }

    /**
     * Publishes {@code count} updates round-robin over the 100 signals at {@code perSecond} (0: as fast as
     * possible), each carrying its send time. Returns the time the sending took, in nanoseconds.
     */
    long run(int count, int perSecond) {
        long start = System.nanoTime();
        long period = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
        for (int i = 0; i < count; i++) {
            if (period > 0) {
                // Parks, never spins: on two cores a spinning sender takes half a core from the paths it
                // measures. An update sent a little late carries its real send time, so no latency is hidden;
                // the schedule stays absolute, so the rate holds.
                long due = start + i * period;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            publish(i % SIGNALS, System.nanoTime());
        }
        return System.nanoTime() - start;
    }

    @Override
    public void close() {
        node.close();
    }
}
