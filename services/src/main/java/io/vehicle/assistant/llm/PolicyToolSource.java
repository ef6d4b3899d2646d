package io.vehicle.assistant.llm;

import io.vehicle.assistant.gateway.GatewayException;
import io.vehicle.assistant.gateway.GatewayLink;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.gateway.v1.GetPolicyRequest;
import io.vehicle.idl.gateway.v1.GetPolicyResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The tools from the bridge's policy as it stands (GetPolicy for this node's writer identity), read again when
 * older than {@code maxAge}, so a policy change reaches the model's tools without restarting the node. When the
 * bridge cannot answer, the last catalog stays in use; without any, the model is not asked.
 */
public final class PolicyToolSource implements Supplier<ToolCatalog> {

    private final GatewayLink gateway;
    private final String writer;
    private final Duration maxAge;
    private final Duration deadline;
    private ToolCatalog current;
    private long readAt;

    public PolicyToolSource(GatewayLink gateway, String writer, Duration maxAge, Duration deadline) {
        this.gateway = gateway;
        this.writer = writer;
        this.maxAge = maxAge;
        this.deadline = deadline;
    }

    @Override
    public synchronized ToolCatalog get() {
        if (current != null && System.nanoTime() - readAt < maxAge.toNanos()) {
            return current;
        }
        try {
            GetPolicyResponse policy = gateway.policy(GetPolicyRequest.newBuilder().setWriter(writer).build())
                    .toCompletionStage().toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            current = ToolCatalog.build(VehicleCatalog.signals(), policy, writer);
            readAt = System.nanoTime();
        } catch (ExecutionException | TimeoutException e) {
            if (current == null) {
                throw new GatewayException("cannot read the policy for the model's tools: " + e, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted while reading the policy");
        }
        return current;
    }
}
