package io.vehicle.assistant.node;

import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Test side of the Assistant API's streams: a call's steps, collected until the stream ends. */
public final class StepStreams {

    private StepStreams() {
    }

    /**
     * @throws java.util.concurrent.ExecutionException with the call's failure (e.g. its gRPC status) as the cause
     */
    public static List<AssistantStep> collect(Future<ReadStream<AssistantStep>> call) throws Exception {
        CompletableFuture<List<AssistantStep>> done = new CompletableFuture<>();
        List<AssistantStep> steps = new ArrayList<>();
        call.onFailure(done::completeExceptionally).onSuccess(stream -> {
            stream.handler(steps::add);
            stream.exceptionHandler(done::completeExceptionally);
            stream.endHandler(end -> done.complete(steps));
        });
        return List.copyOf(done.get(30, TimeUnit.SECONDS));
    }
}
