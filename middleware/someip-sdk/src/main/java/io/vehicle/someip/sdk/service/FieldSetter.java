package io.vehicle.someip.sdk.service;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;

/**
 * Decides what a field setter call does (feat_req_someip_633): validates the requested value and
 * completes with the value actually applied (which the skeleton stores, answers with and notifies,
 * feat_req_someip_634), or fails with a {@link SomeIpErrorException}. The requested buffer is only
 * valid during the call.
 */
@FunctionalInterface
public interface FieldSetter {

    CompletionStage<ByteBuf> set(ByteBuf requested);
}
