package io.vehicle.simulator.replay;

import java.net.InetSocketAddress;
import java.time.Instant;

/** One SOME/IP message found in a capture, with where it went and how (header fields and payload). */
public record CapturedMessage(Instant time, InetSocketAddress from, InetSocketAddress to, boolean tcp, int serviceId,
                              int methodId, int clientId, int sessionId, int interfaceVersion, int messageType,
                              int returnCode, byte[] payload, byte[] raw) {
}
