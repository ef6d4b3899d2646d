package io.vehicle.someip.sd;

import io.vehicle.someip.sd.message.SdMessage;
import java.net.InetSocketAddress;

/** Sends SD messages; the state machines choose session ids and flags, the transport only writes. */
public interface SdTransport {

    /** To {@code target}, or to the SD multicast group when it is null. */
    void send(SdMessage message, int sessionId, InetSocketAddress target);
}
