package io.vehicle.assistant.node;

import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Test side of the Assistant API's streams: a call's steps, collected until the stream ends. */
public final class StepStreams {

    private StepStreams() {
    }

    /**
     * Makes the call on a Vert.x context of {@code vertx} and attaches its stream's handlers in the same task: the
     * context delivers the stream's steps and end only after that task, so none is missed. Attached from the test
     * thread, they raced the event loop, which drops a step, or the end, that comes before its handler.
     *
     * @param call makes the call (a method of a client on {@code vertx})
     * @throws java.util.concurrent.ExecutionException with the call's failure (e.g. its gRPC status) as the cause
     */
    public static List<AssistantStep> collect(Vertx vertx, Supplier<Future<ReadStream<AssistantStep>>> call)
            throws Exception {
        CompletableFuture<List<AssistantStep>> done = new CompletableFuture<>();
        List<AssistantStep> steps = new ArrayList<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            try {
                call.get().onFailure(done::completeExceptionally).onSuccess(stream -> {
                    stream.handler(steps::add);
                    stream.exceptionHandler(done::completeExceptionally);
                    stream.endHandler(end -> done.complete(steps));
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return List.copyOf(done.get(30, TimeUnit.SECONDS));
    }
}
