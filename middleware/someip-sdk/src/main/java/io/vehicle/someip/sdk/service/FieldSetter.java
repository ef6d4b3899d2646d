package io.vehicle.someip.sdk.service;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;

/**
 * Decides what a field setter call does (feat_req_someip_633): validates the requested value and
 * completes with the value actually applied (which the skeleton stores, answers with and notifies,
 * feat_req_someip_634), or fails with a {@link SomeIpErrorException}. The requested buffer is only
 * valid during the call.
 *
 * <p>The skeleton stores the applied value when it gets it: on the thread that completes the stage,
 * or, if the stage is complete when {@code set} returns, on the thread that called {@code set} (the
 * handler executor's). A provider that completes the stage on another thread and then changes the
 * field there ({@link ServiceSkeleton#setField}, {@link ServiceSkeleton#updateField}) can have its
 * change stored first and then overwritten by the older answer, which subscribers keep as the
 * field's value. Such a provider runs the handlers on that same thread
 * ({@link ServiceSkeleton.Builder#handlerExecutor}): the skeleton then hooks on to the stage before
 * that thread can complete it, and stores the answer in the task that computes it.
 */
@FunctionalInterface
public interface FieldSetter {

    CompletionStage<ByteBuf> set(ByteBuf requested);
}
