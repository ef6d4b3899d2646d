package io.vehicle.someip.runtime;

import io.netty.buffer.ByteBuf;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.concurrent.CompletionStage;

/**
 * Serves one method. The request (and its payload) is only valid during the call: retain it to
 * keep it. The stage completes with the response payload, which the runtime then owns; or
 * exceptionally with a {@link SomeIpErrorException} carrying the return code to answer with
 * (a {@link MalformedPayloadException} answers E_MALFORMED_MESSAGE).
 */
@FunctionalInterface
public interface RequestHandler {

    CompletionStage<ByteBuf> handle(SomeIpMessage request);
}
