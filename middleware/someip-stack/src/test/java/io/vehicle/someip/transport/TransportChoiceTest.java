package io.vehicle.someip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which transport is chosen for each setting when some are missing or refused, and what the log says why. */
class TransportChoiceTest {

    private static Function<NettyTransport, Throwable> unavailable(NettyTransport... missing) {
        Set<NettyTransport> gone = Set.of(missing);
        return t -> gone.contains(t) ? new UnsatisfiedLinkError(t.configName() + " refused by the kernel") : null;
    }

    @Test
    @DisplayName("auto takes NIO (measured fastest here) where everything is available")
    void autoPrefersNio() {
        TransportChoice choice = TransportChoice.choose(null, unavailable());
        assertThat(choice.transport()).isEqualTo(NettyTransport.NIO);
        assertThat(choice.fellBack()).isFalse();
        assertThat(choice.toString()).isEqualTo("nio (auto: the first available)");
    }

    @Test
    @DisplayName("auto needs no native transport: NIO where neither loads, without a fallback")
    void autoWithoutNative() {
        TransportChoice choice = TransportChoice.choose(null, unavailable(NettyTransport.IO_URING,
                NettyTransport.EPOLL));
        assertThat(choice.transport()).isEqualTo(NettyTransport.NIO);
        assertThat(choice.fellBack()).isFalse();
    }

    @Test
    @DisplayName("auto's order after NIO is epoll, then io_uring, each refusal said")
    void autoOrder() {
        assertThat(TransportChoice.AUTO_ORDER).containsExactly(NettyTransport.NIO, NettyTransport.EPOLL,
                NettyTransport.IO_URING);
        TransportChoice choice = TransportChoice.choose(null, unavailable(NettyTransport.NIO, NettyTransport.EPOLL));
        assertThat(choice.transport()).isEqualTo(NettyTransport.IO_URING);
        assertThat(choice.fellBack()).isTrue();
        assertThat(choice.reason()).contains("nio unavailable").contains("epoll unavailable");
    }

    @Test
    @DisplayName("a configured io_uring that is refused falls back to epoll, and says why")
    void configuredIoUringRefused() {
        TransportChoice choice = TransportChoice.choose(NettyTransport.IO_URING, unavailable(NettyTransport.IO_URING));
        assertThat(choice.transport()).isEqualTo(NettyTransport.EPOLL);
        assertThat(choice.fellBack()).isTrue();
        assertThat(choice.reason()).isEqualTo("configured io_uring, io_uring unavailable (io_uring refused by the "
                + "kernel)");
    }

    @Test
    @DisplayName("a configured transport is used as configured; a missing one falls to the next after it")
    void configured() {
        assertThat(TransportChoice.choose(NettyTransport.EPOLL, unavailable()).transport())
                .isEqualTo(NettyTransport.EPOLL);
        assertThat(TransportChoice.choose(NettyTransport.NIO, unavailable()).transport())
                .isEqualTo(NettyTransport.NIO);
        TransportChoice fallback = TransportChoice.choose(NettyTransport.EPOLL, unavailable(NettyTransport.EPOLL));
        assertThat(fallback.transport()).isEqualTo(NettyTransport.NIO);
        assertThat(fallback.fellBack()).isTrue();
        assertThat(fallback.reason()).startsWith("configured epoll, epoll unavailable");
        // Configured epoll never climbs up to io_uring.
        assertThat(TransportChoice.choose(NettyTransport.EPOLL, unavailable(NettyTransport.EPOLL)).transport())
                .isNotEqualTo(NettyTransport.IO_URING);
    }

    @Test
    @DisplayName("event loops that fail to start hand over to the next transport")
    void afterAFailedStart() {
        TransportChoice first = TransportChoice.choose(NettyTransport.IO_URING, unavailable());
        TransportChoice next = first.after(NettyTransport.IO_URING, new IllegalStateException("ring setup: ENOMEM"));
        assertThat(next.transport()).isEqualTo(NettyTransport.EPOLL);
        assertThat(next.reason()).isEqualTo("io_uring failed to start (ring setup: ENOMEM)");
        assertThatThrownBy(() -> first.after(NettyTransport.NIO, new IllegalStateException("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nio transport failed to start");
    }

    @Test
    @DisplayName("settings: auto, the three names in any case, and a clear error for anything else")
    void parse() {
        assertThat(NettyTransport.parse(null)).isNull();
        assertThat(NettyTransport.parse("auto")).isNull();
        assertThat(NettyTransport.parse(" AUTO ")).isNull();
        assertThat(NettyTransport.parse("io_uring")).isEqualTo(NettyTransport.IO_URING);
        assertThat(NettyTransport.parse("io-uring")).isEqualTo(NettyTransport.IO_URING);
        assertThat(NettyTransport.parse("Epoll")).isEqualTo(NettyTransport.EPOLL);
        assertThat(NettyTransport.parse("nio")).isEqualTo(NettyTransport.NIO);
        assertThatThrownBy(() -> NettyTransport.parse("kqueue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transport 'kqueue': expected auto, io_uring, epoll or nio");
    }
}
