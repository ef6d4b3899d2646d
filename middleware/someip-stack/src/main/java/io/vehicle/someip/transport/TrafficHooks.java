package io.vehicle.someip.transport;

/**
 * The optional traffic hooks of a node's sockets: a {@link TrafficTap} that sees every datagram and TCP
 * segment, and an {@link OutboundFilter} that may drop or delay outgoing messages. Either may be null;
 * {@link #NONE} adds nothing to the pipelines, so a node without hooks pays nothing for them.
 */
public record TrafficHooks(TrafficTap tap, OutboundFilter filter) {

    public static final TrafficHooks NONE = new TrafficHooks(null, null);

    public boolean isEmpty() {
        return tap == null && filter == null;
    }
}
