package io.vehicle.someip.runtime;

import io.vehicle.someip.wire.SomeIpMessage;
import java.net.InetSocketAddress;

/** Where an endpoint hands every decoded message; takes ownership of it. */
@FunctionalInterface
public interface InboundSink {

    void onMessage(SomeIpMessage message, InetSocketAddress peer, Replier replier);
}
