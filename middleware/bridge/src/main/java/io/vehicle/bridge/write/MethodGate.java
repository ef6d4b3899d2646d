package io.vehicle.bridge.write;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.vehicle.bridge.audit.AuditLog;
import io.vehicle.bridge.audit.AuditRecord;
import io.vehicle.bridge.auth.Identity;
import io.vehicle.bridge.auth.Scopes;
import io.vehicle.bridge.metrics.BridgeMetrics;
import io.vehicle.bridge.policy.PolicyEngine;
import io.vehicle.bridge.policy.Verdict;
import io.vehicle.bridge.values.EcuAvailability;
import io.vehicle.bridge.values.LiveValues;
import io.vehicle.bridge.values.ValueFeed;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.RpcKind;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.signal.SignalClient;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The choke point for calls of the vehicle services' methods over gRPC (SetZoneTemperature, VentAll,
 * RecallPreset...), which change the car without naming a signal: the caller needs the actuate scope for
 * every writable signal of the service, and a policy rule must name the method (default deny, like
 * signals); then the ECU must be there; every call is audited with the ECU's answer.
 */
public final class MethodGate {

    private final SignalClient client;
    private final LiveValues values;
    private final ValueFeed feed;
    private final PolicyEngine policy;
    private final EcuAvailability availability;
    private final AuditLog audit;
    private final BridgeMetrics metrics;
    private final EcuFailures failures;
    private final Duration refreshTimeout;

    public MethodGate(SignalClient client, LiveValues values, ValueFeed feed, PolicyEngine policy,
                      EcuAvailability availability, AuditLog audit, BridgeMetrics metrics, Duration refreshTimeout) {
        this.client = client;
        this.values = values;
        this.feed = feed;
        this.policy = policy;
        this.availability = availability;
        this.audit = audit;
        this.metrics = metrics;
        this.failures = new EcuFailures(client.registry().services());
        this.refreshTimeout = refreshTimeout;
    }

    /** Completes with the ECU's answer, or fails with {@link CallRefusedException}. */
    public CompletableFuture<Message> call(Identity caller, ServiceBinding service, RpcBinding rpc, Message request,
                                           boolean driverConfirmed) {
        long started = System.nanoTime();
        String method = service.descriptor().getFullName() + "/" + rpc.name();
        String correlationId = UUID.randomUUID().toString();
        List<SignalDefinition> guarded = client.registry().all().stream()
                .filter(s -> s.service() == service && s.writable()).toList();
        for (SignalDefinition signal : guarded.isEmpty() ? client.registry().all().stream()
                .filter(s -> s.service() == service).toList() : guarded) {
            if (!caller.may(Scopes.Action.ACTUATE, signal.path())) {
                Verdict verdict = Verdict.scope("calling " + method + " needs the actuate scope for every writable"
                        + " signal of " + service.descriptor().getName() + "; the token of '" + caller.writer()
                        + "' lacks " + signal.path());
                return refused(caller, method, request, correlationId, driverConfirmed, verdict,
                        WriteStatus.DENIED_BY_POLICY, verdict.reason(), null, started);
            }
        }
        return feed.refresh(policy.dataNeededForMethod(caller.writer(), method), refreshTimeout).thenCompose(v -> {
            boolean present = availability.isAvailable(service);
            Verdict verdict = policy.judgeMethod(caller.writer(), method, driverConfirmed, present);
            if (!verdict.allowed()) {
                WriteStatus status = verdict.decision() == Verdict.Decision.NEEDS_CONFIRMATION
                        ? WriteStatus.NEEDS_CONFIRMATION : WriteStatus.DENIED_BY_POLICY;
                return refused(caller, method, request, correlationId, driverConfirmed, verdict, status,
                        verdict.reason(), null, started);
            }
            if (!present) {
                return refused(caller, method, request, correlationId, driverConfirmed, verdict,
                        WriteStatus.UNAVAILABLE, service.descriptor().getName() + " is not on the network ("
                                + availability.reason(service) + ")", null, started);
            }
            CompletableFuture<Message> answer;
            if (rpc.kind() == RpcKind.FIRE_AND_FORGET) {
                try {
                    client.proxy(service).send(rpc.name(), request);
                    answer = CompletableFuture.completedFuture(DynamicMessage.getDefaultInstance(rpc.output()));
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
            } else {
                answer = client.proxy(service).call(rpc.name(), request).thenApply(m -> (Message) m);
            }
            return answer.handle((response, error) -> {
                if (error == null) {
                    record(caller, method, request, correlationId, driverConfirmed, verdict, "CONFIRMED",
                            "the ECU answered " + TextFormat.printer().emittingSingleLine(true).printToString(response), "", started);
                    return CompletableFuture.completedFuture(response);
                }
                CallRefusedException failure = failures.classify(service, error);
                record(caller, method, request, correlationId, driverConfirmed, verdict, failure.status().name(),
                        failure.getMessage(), failure.ecuError() == null ? "" : failure.ecuError().toString(), started);
                return CompletableFuture.<Message>failedFuture(failure);
            }).thenCompose(f -> f);
        });
    }

    private CompletableFuture<Message> refused(Identity caller, String method, Message request, String correlationId,
                                               boolean driverConfirmed, Verdict verdict, WriteStatus status,
                                               String reason, EcuError ecuError, long started) {
        record(caller, method, request, correlationId, driverConfirmed, verdict, status.name(), reason, "", started);
        return CompletableFuture.failedFuture(new CallRefusedException(status, reason, ecuError));
    }

    private void record(Identity caller, String method, Message request, String correlationId,
                        boolean driverConfirmed, Verdict verdict, String result, String reason, String ecuError,
                        long started) {
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        metrics.write(result, latency);
        audit.append(new AuditRecord(values.clock().instant().toString(), caller.writer(), "service:" + method,
                correlationId, method, TextFormat.printer().emittingSingleLine(true).printToString(request), "", false, driverConfirmed,
                verdict.decision().name(), verdict.ruleId(), verdict.check().name(), reason, result, "", "",
                ecuError, latency.toNanos() / 1e6));
    }
}
