package io.vehicle.bridge.gateway;

import io.vehicle.bridge.grpc.ApiContext;
import io.vehicle.bridge.grpc.SignalQuery;
import io.vehicle.bridge.grpc.Timestamps;
import io.vehicle.bridge.policy.Condition;
import io.vehicle.bridge.policy.Policy;
import io.vehicle.bridge.policy.PolicyRule;
import io.vehicle.bridge.policy.PolicyStore;
import io.vehicle.bridge.policy.Verdict;
import io.vehicle.bridge.subscription.Backpressure;
import io.vehicle.bridge.subscription.SubscriberOptions;
import io.vehicle.bridge.subscription.SubscriptionLimitException;
import io.vehicle.bridge.values.KuksaValues;
import io.vehicle.bridge.values.SignalState;
import io.vehicle.bridge.write.SignalWrite;
import io.vehicle.bridge.write.WriteOrder;
import io.vehicle.bridge.write.WriteReport;
import io.vehicle.bridge.write.WriteResult;
import io.vehicle.idl.gateway.v1.Availability;
import io.vehicle.idl.gateway.v1.EcuError;
import io.vehicle.idl.gateway.v1.GatewayGrpcService;
import io.vehicle.idl.gateway.v1.GetPolicyResponse;
import io.vehicle.idl.gateway.v1.GetSignalsResponse;
import io.vehicle.idl.gateway.v1.ListSignalsResponse;
import io.vehicle.idl.gateway.v1.PolicyCheck;
import io.vehicle.idl.gateway.v1.PolicyDecision;
import io.vehicle.idl.gateway.v1.PolicyVerdict;
import io.vehicle.idl.gateway.v1.RateLimit;
import io.vehicle.idl.gateway.v1.SignalInfo;
import io.vehicle.idl.gateway.v1.SignalValue;
import io.vehicle.idl.gateway.v1.SomeIpLocation;
import io.vehicle.idl.gateway.v1.SubscribeResponse;
import io.vehicle.idl.gateway.v1.WriteOutcome;
import io.vehicle.idl.gateway.v1.WriteResponse;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.kuksa.val.v2.EntryType;
import io.vehicle.idl.signal.Range;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vehicle.someip.sdk.signal.SignalPattern;
import io.vehicle.someip.sdk.signal.SignalType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * vehicle.gateway.v1.Gateway: what KUKSA's API cannot say. Writes report per signal whether the ECU
 * confirmed, and why not; dry runs; batches validated as a whole; availability with reasons; subscriptions
 * with a minimum interval and latest-only back-pressure; the policy in readable form.
 */
public final class GatewayService {

    private final ApiContext api;
    private final PolicyStore policies;

    public GatewayService(ApiContext api, PolicyStore policies) {
        this.api = api;
        this.policies = policies;
    }

    public void bind() {
        var calls = api.calls();
        calls.unary(GatewayGrpcService.Write, (caller, request) -> {
            if (request.getWritesCount() == 0) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "no writes given");
            }
            int max = api.gate().settings().maxWrites();
            if (request.getWritesCount() > max) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT, request.getWritesCount()
                        + " writes in one request; at most " + max);
            }
            List<SignalWrite> writes = new ArrayList<>();
            request.getWritesList().forEach(w -> writes.add(new SignalWrite(w.getPath(),
                    w.hasValue() ? KuksaValues.fromClient(w.getValue()) : null)));
            Context context = Vertx.currentContext();
            var attempt = api.gate().write(new WriteOrder(caller, "gateway", writes, request.getDryRun(),
                    Duration.ofMillis(request.getConfirmTimeoutMs()), request.getDriverConfirmed(),
                    request.getCorrelationId()));
            Promise<WriteResponse> answer = Promise.promise();
            attempt.finished().whenComplete((report, error) -> context.runOnContext(v -> {
                if (error != null) {
                    answer.fail(error);
                } else {
                    answer.complete(response(report));
                }
            }));
            return answer.future();
        });
        calls.unary(GatewayGrpcService.ListSignals, (caller, request) -> {
            List<SignalDefinition> signals = request.getPatternsCount() == 0
                    ? List.copyOf(api.query().registry().all()) : api.query().matching(request.getPatternsList());
            SignalQuery.requireRead(caller, signals);
            ListSignalsResponse.Builder response = ListSignalsResponse.newBuilder();
            signals.stream().sorted((a, b) -> a.path().compareTo(b.path()))
                    .forEach(s -> response.addSignals(info(s)));
            return Future.succeededFuture(response.build());
        });
        calls.unary(GatewayGrpcService.GetSignals, (caller, request) -> {
            List<SignalDefinition> signals = api.query().matching(request.getPatternsList());
            SignalQuery.requireRead(caller, signals);
            if (!request.getReadFromEcus()) {
                return Future.succeededFuture(signalValues(signals));
            }
            Context context = Vertx.currentContext();
            Promise<GetSignalsResponse> answer = Promise.promise();
            api.feed().read(signals, api.gate().settings().refreshTimeout())
                    .whenComplete((done, error) -> context.runOnContext(v -> answer.complete(signalValues(signals))));
            return answer.future();
        });
        calls.serverStream(GatewayGrpcService.Subscribe, (caller, request, response, call) -> {
            List<SignalDefinition> signals = api.query().matching(request.getPatternsList());
            SignalQuery.requireRead(caller, signals);
            SubscriberOptions options = new SubscriberOptions(
                    request.getLatestOnly() ? Backpressure.LATEST_ONLY : Backpressure.FAIL_ON_OVERFLOW,
                    Math.max(api.queueCapacity(), signals.size() * 2), request.getMinIntervalMs(), api.maxBatch());
            try {
                var subscriber = api.hub().open(caller.writer() + " vehicle.gateway.v1.Gateway/Subscribe", signals.stream().map(SignalDefinition::path).toList(), options,
                        Vertx.currentContext(), response, (states, dropped) -> {
                            SubscribeResponse.Builder out = SubscribeResponse.newBuilder().setDropped(dropped);
                            states.forEach(state -> out.addUpdates(value(state)));
                            return out.build();
                        }, reason -> calls.fail(response, GatewayGrpcService.Subscribe.fullMethodName(),
                                new StatusException(GrpcStatus.RESOURCE_EXHAUSTED, reason)));
                response.exceptionHandler(error -> subscriber.close());
                call.errorHandler(error -> subscriber.close()); // the client cancelled, or its connection went
            } catch (SubscriptionLimitException e) {
                throw new StatusException(GrpcStatus.RESOURCE_EXHAUSTED, e.getMessage());
            }
        });
        calls.unary(GatewayGrpcService.GetPolicy, (caller, request) -> {
            Policy policy = policies.get();
            PolicyStore.Status status = policies.status();
            List<SignalPattern> patterns = new ArrayList<>();
            for (String text : request.getPatternsList()) {
                try {
                    patterns.add(SignalPattern.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new StatusException(GrpcStatus.INVALID_ARGUMENT, e.getMessage());
                }
            }
            GetPolicyResponse.Builder response = GetPolicyResponse.newBuilder().setVersion(policy.version())
                    .setDefaultDeny(true).setSource(policy.source()).setLoadedAt(Timestamps.of(status.loadedAt()))
                    .setLoadError(status.error());
            for (PolicyRule rule : policy.rules()) {
                boolean forWriter = request.getWriter().isEmpty() || rule.appliesTo(request.getWriter());
                boolean forSignals = patterns.isEmpty() || api.query().registry().all().stream()
                        .anyMatch(s -> rule.covers(s.path()) && patterns.stream().anyMatch(p -> p.matches(s.path())));
                if (forWriter && forSignals) {
                    response.addRules(rule(rule, policy));
                }
            }
            return Future.succeededFuture(response.build());
        });
    }

    private WriteResponse response(WriteReport report) {
        WriteResponse.Builder response = WriteResponse.newBuilder().setCorrelationId(report.correlationId())
                .setOutcome(WriteOutcome.valueOf("WRITE_OUTCOME_" + report.outcome().name()));
        for (WriteResult result : report.results()) {
            var out = io.vehicle.idl.gateway.v1.WriteResult.newBuilder().setPath(result.path())
                    .setStatus(WriteStatus.valueOf("WRITE_STATUS_" + result.status().name()))
                    .setReason(result.reason());
            if (result.verdict() != null) {
                out.setVerdict(verdict(result.verdict()));
            }
            if (result.requested() != null) {
                out.setRequested(KuksaValues.echo(result.requested()));
            }
            SignalDefinition signal = api.query().registry().find(result.path()).orElse(null);
            if (signal != null && result.confirmedValue() != null) {
                out.setConfirmedValue(KuksaValues.toValue(signal, result.confirmedValue()));
            }
            if (signal != null && result.previousValue() != null) {
                out.setPreviousValue(KuksaValues.toValue(signal, result.previousValue()));
            }
            if (result.confirmedAt() != null && result.confirmedValue() != null) {
                out.setConfirmedAt(Timestamps.of(result.confirmedAt()));
            }
            if (result.ecuError() != null) {
                out.setEcuError(EcuError.newBuilder().setReturnCode(result.ecuError().returnCode())
                        .setReturnCodeName(result.ecuError().returnCodeName())
                        .setApplicationError(result.ecuError().applicationError())
                        .setMessage(result.ecuError().message()));
            }
            response.addResults(out);
        }
        return response.build();
    }

    static PolicyVerdict verdict(Verdict verdict) {
        return PolicyVerdict.newBuilder().setRuleId(verdict.ruleId()).setRuleName(verdict.ruleName())
                .setDecision(PolicyDecision.valueOf("POLICY_DECISION_" + verdict.decision().name()))
                .setReason(verdict.reason())
                .setCheck(verdict.check() == Verdict.Check.NONE ? PolicyCheck.POLICY_CHECK_UNSPECIFIED
                        : PolicyCheck.valueOf("POLICY_CHECK_" + verdict.check().name()))
                .setConfirmationRequired(verdict.confirmationRequired()).build();
    }

    private SignalInfo info(SignalDefinition signal) {
        SignalInfo.Builder info = SignalInfo.newBuilder().setPath(signal.path()).setId(api.ids().id(signal.path()))
                .setDataType(KuksaValues.dataType(signal)).setUnit(signal.unit()).setAccess(signal.access())
                .setDescription(signal.description()).addAllAllowedValues(signal.type() == SignalType.BOOLEAN
                        ? List.of() : signal.allowed())
                .setEntryType(signal.writable() ? EntryType.ENTRY_TYPE_ACTUATOR : EntryType.ENTRY_TYPE_SENSOR)
                .setCurrent(value(api.values().get(signal.path())));
        if (signal.min() != null) {
            info.setMin(KuksaValues.limit(signal, signal.min()));
        }
        if (signal.max() != null) {
            info.setMax(KuksaValues.limit(signal, signal.max()));
        }
        var service = signal.service();
        info.setSomeip(SomeIpLocation.newBuilder().setService(service.descriptor().getFullName())
                .setServiceId(service.serviceId()).setInstanceId(service.instanceId())
                .setMajorVersion(service.majorVersion())
                .setField(signal.field() != null ? signal.field().name() : signal.notifier().name())
                .setMember(signal.location().stream().map(f -> f.getName()).collect(Collectors.joining(".")))
                .setEndpoint(api.availability().endpoint(service)));
        return info.build();
    }

    static SignalValue value(SignalState state) {
        SignalValue.Builder value = SignalValue.newBuilder().setPath(state.path())
                .setTimestamp(Timestamps.of(state.timestamp())).setReason(state.reason())
                .setAvailability(switch (state.availability()) {
                    case AVAILABLE -> Availability.AVAILABILITY_AVAILABLE;
                    case UNAVAILABLE -> Availability.AVAILABILITY_UNAVAILABLE;
                    case NOT_YET_RECEIVED -> Availability.AVAILABILITY_NOT_YET_RECEIVED;
                });
        if (state.available()) {
            value.setValue(state.wire());
        }
        return value.build();
    }

    private static io.vehicle.idl.gateway.v1.PolicyRule rule(PolicyRule rule, Policy policy) {
        var out = io.vehicle.idl.gateway.v1.PolicyRule.newBuilder().setId(rule.id()).setName(rule.name())
                .setDescription(rule.description())
                .addAllSignals(rule.signals().stream().map(SignalPattern::toString).toList())
                .addAllWriters(rule.writers()).addAllAllowedValues(rule.allowed()).setMaxStep(rule.maxStep())
                .addAllPreconditions(rule.preconditions().stream().map(Condition::toString).toList())
                .setMaxDataAgeMs((int) policy.maxDataAgeMs(rule))
                .setRequiresConfirmation(rule.needsConfirmation());
        if (rule.min() != null || rule.max() != null) {
            out.setRange(Range.newBuilder().setMin(rule.min() == null ? Double.NEGATIVE_INFINITY : rule.min())
                    .setMax(rule.max() == null ? Double.POSITIVE_INFINITY : rule.max()));
        }
        if (rule.rateLimit() != null) {
            out.setRateLimit(RateLimit.newBuilder().setMaxWrites(rule.rateLimit().maxWrites())
                    .setPerSeconds(rule.rateLimit().perSeconds()));
        }
        if (rule.clientRateLimit() != null) {
            out.setClientRateLimit(RateLimit.newBuilder().setMaxWrites(rule.clientRateLimit().maxWrites())
                    .setPerSeconds(rule.clientRateLimit().perSeconds()));
        }
        return out.build();
    }

    private GetSignalsResponse signalValues(List<SignalDefinition> signals) {
        GetSignalsResponse.Builder response = GetSignalsResponse.newBuilder();
        signals.stream().sorted((a, b) -> a.path().compareTo(b.path()))
                .forEach(s -> response.addSignals(value(api.values().get(s.path()))));
        return response.build();
    }
}
