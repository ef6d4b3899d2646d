package io.vehicle.someip.transport;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.DefaultMessageSizeEstimator;
import io.netty.channel.MessageSizeEstimator;
import io.vehicle.someip.wire.SomeIpCodec;
import io.vehicle.someip.wire.SomeIpMessage;

/**
 * Sizes SOME/IP messages (bare or addressed) by their encoded size, so that a channel's write-buffer
 * watermarks count the events still queued as tasks on its event loop, not only the bytes already
 * encoded. Other messages are sized as Netty does.
 */
public final class SomeIpMessageSizeEstimator implements MessageSizeEstimator {

    public static final SomeIpMessageSizeEstimator INSTANCE = new SomeIpMessageSizeEstimator();

    private static final Handle HANDLE = new Handle() {
        private final Handle fallback = DefaultMessageSizeEstimator.DEFAULT.newHandle();

        @Override
        public int size(Object msg) {
            if (msg instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof SomeIpMessage m) {
                return SomeIpCodec.encodedSize(m);
            }
            if (msg instanceof SomeIpMessage m) {
                return SomeIpCodec.encodedSize(m);
            }
            return fallback.size(msg);
        }
    };

    private SomeIpMessageSizeEstimator() {
    }

    @Override
    public Handle newHandle() {
        return HANDLE;
    }
}
