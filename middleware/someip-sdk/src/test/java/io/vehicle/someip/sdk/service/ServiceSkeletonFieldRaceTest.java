package io.vehicle.someip.sdk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.runtime.RequestDispatcher;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.someip.wire.SomeIpMessage;
import io.vehicle.testing.TestPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A field read while setters replace its value. {@code setField} releases the stored buffer it
 * replaces, so a reader that took the old buffer outside the field lock could duplicate it after its
 * release: an IllegalReferenceCountException, which a getter answers as E_NOT_OK. Two setter threads
 * replace the value without pause while two reader threads read it; the failure signal is that
 * exception (or an answer other than a 4-byte value that was set).
 */
class ServiceSkeletonFieldRaceTest {

    static final int SERVICE = 0x1101;
    static final int NOTIFIER = 0x8001;
    static final int GETTER = 0x0001;
    static final int GROUP = 1;

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicBoolean readersDone = new AtomicBoolean();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private SomeIpNode node;
    private ServiceSkeleton skeleton;

    @BeforeEach
    void provide() {
        node = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1")
                .withSd(TestPorts.sdPort(10), SdTimings.fast()));
        skeleton = node.skeleton(ServiceSkeleton.builder(SERVICE, 1, 1, 0)
                .field(NOTIFIER, GETTER, -1, null, Unpooled.buffer(4).writeInt(0), false, GROUP));
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        node.close();
    }

    @Test
    @DisplayName("feat_req_someip_632, feat_req_someip_635: retainedFieldValue racing setField gives a value that "
            + "was set, never a released buffer")
    void readsRacingSetters() throws Exception {
        // Without the field lock around the duplicate, this failed in each of 20 runs, within 0.3 s.
        int rounds = 1_000_000;
        race(() -> {
            for (int i = 0; i < rounds && failures.isEmpty(); i++) {
                ByteBuf value;
                try {
                    value = skeleton.retainedFieldValue(NOTIFIER);
                } catch (RuntimeException e) {
                    failures.add("read " + i + ": " + e); // IllegalReferenceCountException: released meanwhile
                    return null;
                }
                try {
                    check(value);
                } finally {
                    value.release();
                }
            }
            return null;
        });
    }

    @Test
    @DisplayName("feat_req_someip_632: getter requests through the server's dispatcher, racing setField, are "
            + "answered E_OK with a value that was set")
    void getterRequestsRacingSetters() throws Exception {
        // The path of a decoded request, without sockets so that many calls fit in little time. Each
        // call is slower than a direct read, so the race window is hit less often: without the lock this
        // failed in 14 of 20 runs on a loaded 2-core machine; the direct test above is the reliable one,
        // this one shows that the getter reads the same way.
        RequestDispatcher dispatcher = skeleton.server().dispatcher();
        int rounds = 200_000;
        AtomicLong answered = new AtomicLong();
        race(() -> {
            for (int i = 0; i < rounds && failures.isEmpty(); i++) {
                SomeIpMessage request = SomeIpMessage.builder(SERVICE, GETTER, MessageType.REQUEST).clientId(0x0042)
                        .sessionId(i % 0xFFFF + 1).interfaceVersion(1).payload(Unpooled.EMPTY_BUFFER).build();
                dispatcher.dispatch(request, answer -> {
                    try {
                        if (answer.returnCode() != ReturnCode.E_OK.value()) {
                            failures.add("answer with return code 0x" + Integer.toHexString(answer.returnCode()));
                        } else {
                            check(answer.payload());
                        }
                        answered.incrementAndGet();
                    } finally {
                        answer.release();
                    }
                });
            }
            return null;
        });
        assertThat(answered.get()).isEqualTo(2L * rounds);
    }

    /** Two setters replace the value until the two readers are through; then no reader may have failed. */
    private void race(Callable<Void> reader) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> readers = new ArrayList<>();
        List<Future<?>> setters = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            setters.add(threads.submit(() -> {
                start.await();
                for (int i = 1; !readersDone.get(); i = i == Integer.MAX_VALUE ? 1 : i + 1) {
                    skeleton.setField(NOTIFIER, Unpooled.buffer(4).writeInt(i));
                }
                return null;
            }));
            readers.add(threads.submit(() -> {
                start.await();
                return reader.call();
            }));
        }
        start.countDown();
        try {
            for (Future<?> thread : readers) {
                thread.get(120, TimeUnit.SECONDS);
            }
        } finally {
            readersDone.set(true);
        }
        for (Future<?> thread : setters) {
            thread.get(10, TimeUnit.SECONDS);
        }
        assertThat(failures).as("reads while the field was being set").isEmpty();
    }

    /** A value the setters wrote: 4 bytes holding a positive int (0 is the initial value). */
    private void check(ByteBuf value) {
        try {
            if (value.readableBytes() != 4) {
                failures.add(value.readableBytes() + " bytes");
            } else if (value.getInt(value.readerIndex()) < 0) {
                failures.add("value " + value.getInt(value.readerIndex()) + " was never set");
            }
        } catch (RuntimeException e) {
            failures.add("reading the value: " + e); // its memory was freed meanwhile
        }
    }
}
