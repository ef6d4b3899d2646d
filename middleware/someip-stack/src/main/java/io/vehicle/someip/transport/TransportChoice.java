package io.vehicle.someip.transport;

import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Netty transport a process uses, and why. {@code auto} takes the first available of NIO,
 * epoll, io_uring: NIO measured fastest here on a quiet machine (docs/performance.md, issue #13:
 * UDP round trips 0.86–0.92x of the bare socket against epoll's 0.71–0.72x in the same sessions,
 * 10–20 µs less CPU per round trip, events as fast or faster; Netty 4.2.18's io_uring sends each
 * UDP answer in its own datagram and loses unpaced event streams). A named
 * transport is used when available, otherwise the next available after it (io_uring, epoll,
 * NIO), with a warning. Either way the choice and its reason are logged once.
 */
public record TransportChoice(NettyTransport transport, NettyTransport requested, String reason) {

    private static final Logger LOG = LoggerFactory.getLogger(TransportChoice.class);

    /** Chooses for a setting ({@code auto}, null, io_uring, epoll, nio) on this machine, and logs it. */
    public static TransportChoice of(String setting) {
        TransportChoice choice = choose(NettyTransport.parse(setting), NettyTransport::unavailabilityCause);
        choice.log();
        return choice;
    }

    /**
     * The choice for {@code requested} (null for auto) given why each transport is unavailable
     * ({@code unavailable} answers null for one that can be used).
     */
    public static TransportChoice choose(NettyTransport requested, Function<NettyTransport, Throwable> unavailable) {
        StringBuilder refused = new StringBuilder();
        for (NettyTransport candidate : candidates(requested)) {
            Throwable cause = unavailable.apply(candidate);
            if (cause == null) {
                String reason = refused.length() == 0
                        ? (requested == null ? "auto: the first available" : "as configured")
                        : (requested == null ? "auto: " : "configured " + requested.configName() + ", ") + refused;
                return new TransportChoice(candidate, requested, reason);
            }
            if (refused.length() > 0) {
                refused.append("; ");
            }
            refused.append(candidate.configName()).append(" unavailable (").append(describe(cause)).append(')');
        }
        // NIO is always available; only a broken availability check gets here.
        throw new IllegalStateException("no Netty transport available: " + refused);
    }

    /** The choice after {@code failed} could not start (its event loops refused), for the next transport. */
    public TransportChoice after(NettyTransport failed, Throwable cause) {
        java.util.List<NettyTransport> next = failed.fallbacks();
        if (next.isEmpty()) {
            throw new IllegalStateException("the " + failed.configName() + " transport failed to start", cause);
        }
        TransportChoice choice = new TransportChoice(next.get(0), requested, failed.configName()
                + " failed to start (" + describe(cause) + ")");
        choice.log();
        return choice;
    }

    /** Whether this is a fallback from what was asked or preferred. */
    public boolean fellBack() {
        return transport != candidates(requested).get(0);
    }

    /** What {@code auto} tries, in order. */
    public static final java.util.List<NettyTransport> AUTO_ORDER =
            java.util.List.of(NettyTransport.NIO, NettyTransport.EPOLL, NettyTransport.IO_URING);

    private static java.util.List<NettyTransport> candidates(NettyTransport requested) {
        if (requested == null) {
            return AUTO_ORDER;
        }
        java.util.List<NettyTransport> all = new java.util.ArrayList<>();
        all.add(requested);
        all.addAll(requested.fallbacks());
        return all;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private void log() {
        if (requested != null && fellBack()) {
            LOG.warn("Netty transport {}: {}", transport.configName(), reason);
        } else {
            LOG.info("Netty transport {}: {}", transport.configName(), reason);
        }
    }

    @Override
    public String toString() {
        return transport.configName() + " (" + reason + ")";
    }
}
