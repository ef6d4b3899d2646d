package io.vehicle.bridge.kuksa;

import io.vehicle.bridge.auth.Identity;
import io.vehicle.bridge.auth.Scopes;
import io.vehicle.bridge.grpc.ApiContext;
import io.vehicle.bridge.grpc.SignalQuery;
import io.vehicle.bridge.grpc.Timestamps;
import io.vehicle.bridge.grpc.WriteStatuses;
import io.vehicle.bridge.subscription.Backpressure;
import io.vehicle.bridge.subscription.SubscriberOptions;
import io.vehicle.bridge.subscription.SubscriptionLimitException;
import io.vehicle.bridge.values.KuksaValues;
import io.vehicle.bridge.values.SignalState;
import io.vehicle.bridge.write.SignalWrite;
import io.vehicle.bridge.write.WriteOrder;
import io.vehicle.idl.kuksa.val.v2.ActuateRequest;
import io.vehicle.idl.kuksa.val.v2.ActuateResponse;
import io.vehicle.idl.kuksa.val.v2.BatchActuateResponse;
import io.vehicle.idl.kuksa.val.v2.Datapoint;
import io.vehicle.idl.kuksa.val.v2.EntryType;
import io.vehicle.idl.kuksa.val.v2.Filter;
import io.vehicle.idl.kuksa.val.v2.GetServerInfoResponse;
import io.vehicle.idl.kuksa.val.v2.GetValueResponse;
import io.vehicle.idl.kuksa.val.v2.GetValuesResponse;
import io.vehicle.idl.kuksa.val.v2.ListMetadataResponse;
import io.vehicle.idl.kuksa.val.v2.Metadata;
import io.vehicle.idl.kuksa.val.v2.SignalID;
import io.vehicle.idl.kuksa.val.v2.StringArray;
import io.vehicle.idl.kuksa.val.v2.SubscribeByIdResponse;
import io.vehicle.idl.kuksa.val.v2.SubscribeResponse;
import io.vehicle.idl.kuksa.val.v2.VALGrpcService;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * kuksa.val.v2.VAL on the bridge, as a KUKSA databroker client expects it (status codes included), with
 * the bridge's semantics underneath: values come from ECUs over SOME/IP, and an actuation passes the write
 * gate (catalog, scopes, policy) and answers only once the ECU has accepted it, with the ECU's refusal as a
 * status instead of a log line.
 *
 * <p>Not served: OpenProviderStream (UNIMPLEMENTED: ECUs provide every signal over SOME/IP), and
 * PublishValue refuses with FAILED_PRECONDITION for the same reason after the usual checks.
 */
public final class KuksaValService {

    static final String SERVER_NAME = "vehicle-bridge";
    static final String SERVER_VERSION = "0.1.0";

    private final ApiContext api;

    public KuksaValService(ApiContext api) {
        this.api = api;
    }

    public void bind() {
        var calls = api.calls();
        calls.unary(VALGrpcService.GetServerInfo, (caller, request) -> Future.succeededFuture(
                GetServerInfoResponse.newBuilder().setName(SERVER_NAME).setVersion(SERVER_VERSION).build()));
        calls.unary(VALGrpcService.GetValue, (caller, request) -> {
            SignalDefinition signal = resolve(request.getSignalId());
            SignalQuery.requireRead(caller, List.of(signal));
            return Future.succeededFuture(GetValueResponse.newBuilder()
                    .setDataPoint(datapoint(api.values().get(signal.path()))).build());
        });
        calls.unary(VALGrpcService.GetValues, (caller, request) -> {
            if (request.getSignalIdsCount() == 0) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "no signal ids given");
            }
            List<SignalDefinition> signals = new ArrayList<>();
            request.getSignalIdsList().forEach(id -> signals.add(resolve(id)));
            SignalQuery.requireRead(caller, signals);
            GetValuesResponse.Builder response = GetValuesResponse.newBuilder();
            signals.forEach(s -> response.addDataPoints(datapoint(api.values().get(s.path()))));
            return Future.succeededFuture(response.build());
        });
        calls.serverStream(VALGrpcService.Subscribe, (caller, request, response, call) -> {
            if (request.getSignalPathsCount() == 0) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "no signal paths given");
            }
            List<SignalDefinition> signals = new ArrayList<>();
            request.getSignalPathsList().forEach(path -> signals.add(api.query().signal(path)));
            SignalQuery.requireRead(caller, signals);
            subscribe(caller.writer() + " kuksa.val.v2.VAL/Subscribe", signals, request.getBufferSize(),
                    request.getFilter(), response, call, (states, dropped) -> {
                SubscribeResponse.Builder out = SubscribeResponse.newBuilder();
                states.forEach(state -> out.putEntries(state.path(), datapoint(state)));
                return out.build();
            });
        });
        calls.serverStream(VALGrpcService.SubscribeById, (caller, request, response, call) -> {
            if (request.getSignalIdsCount() == 0) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "no signal ids given");
            }
            List<SignalDefinition> signals = new ArrayList<>();
            request.getSignalIdsList().forEach(id -> signals.add(resolve(SignalID.newBuilder().setId(id).build())));
            SignalQuery.requireRead(caller, signals);
            subscribe(caller.writer() + " kuksa.val.v2.VAL/SubscribeById", signals, request.getBufferSize(),
                    request.getFilter(), response, call, (states, dropped) -> {
                SubscribeByIdResponse.Builder out = SubscribeByIdResponse.newBuilder();
                states.forEach(state -> out.putEntries(api.ids().id(state.path()), datapoint(state)));
                return out.build();
            });
        });
        calls.unary(VALGrpcService.Actuate, (caller, request) ->
                actuate(caller, List.of(request)).map(ok -> ActuateResponse.getDefaultInstance()));
        calls.unary(VALGrpcService.BatchActuate, (caller, request) -> {
            if (request.getActuateRequestsCount() == 0) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "no actuate requests given");
            }
            return actuate(caller, request.getActuateRequestsList()).map(ok -> BatchActuateResponse.getDefaultInstance());
        });
        bindActuateStream();
        calls.unary(VALGrpcService.ListMetadata, (caller, request) -> {
            if (request.getRoot().isBlank()) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT,
                        "root is empty: give a branch such as Vehicle.Cabin, a path, or a pattern such as Vehicle.**");
            }
            List<SignalDefinition> signals = api.query().matching(List.of(request.getRoot()));
            List<SignalDefinition> readable = signals.stream()
                    .filter(s -> caller.may(Scopes.Action.READ, s.path())).toList();
            if (readable.isEmpty()) {
                throw new StatusException(GrpcStatus.PERMISSION_DENIED, "the token of '" + caller.writer()
                        + "' may read none of the signals under " + request.getRoot());
            }
            ListMetadataResponse.Builder response = ListMetadataResponse.newBuilder();
            readable.forEach(s -> response.addMetadata(metadata(s)));
            return Future.succeededFuture(response.build());
        });
        calls.unary(VALGrpcService.PublishValue, (caller, request) -> {
            SignalDefinition signal = resolve(request.getSignalId());
            if (!caller.may(Scopes.Action.PROVIDE, signal.path())) {
                throw new StatusException(GrpcStatus.PERMISSION_DENIED, "the token of '" + caller.writer()
                        + "' has no provide scope for " + signal.path());
            }
            throw new StatusException(GrpcStatus.FAILED_PRECONDITION, signal.path() + " is provided by "
                    + signal.service().descriptor().getName() + " over SOME/IP; the bridge takes no other provider");
        });
    }

    /** ActuateStream: every request through the gate in turn; the first refusal ends the call with its status. */
    private void bindActuateStream() {
        String rpc = VALGrpcService.ActuateStream.fullMethodName();
        api.calls().clientStream(VALGrpcService.ActuateStream, (caller, requests, response) -> {
            List<Future<Void>> pending = new ArrayList<>();
            requests.handler(request -> {
                try {
                    pending.add(actuate(caller, List.of(request)));
                } catch (StatusException e) {
                    pending.add(Future.failedFuture(e));
                }
            });
            requests.endHandler(v -> Future.all(pending).onComplete(all -> {
                if (all.succeeded()) {
                    response.end(ActuateResponse.getDefaultInstance());
                } else {
                    api.calls().fail(response, rpc, all.cause());
                }
            }));
        });
    }

    private Future<Void> actuate(Identity caller, List<ActuateRequest> requests) {
        List<SignalWrite> writes = new ArrayList<>();
        for (ActuateRequest request : requests) {
            SignalDefinition signal = resolve(request.getSignalId());
            writes.add(new SignalWrite(signal.path(), KuksaValues.fromClient(request.getValue())));
        }
        if (writes.size() > api.gate().settings().maxWrites()) {
            throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "more than " + api.gate().settings().maxWrites()
                    + " actuations in one request");
        }
        Context context = Vertx.currentContext();
        var attempt = api.gate().write(new WriteOrder(caller, "kuksa", writes, false, null, false, ""));
        Promise<Void> done = Promise.promise();
        attempt.accepted().whenComplete((report, error) -> context.runOnContext(v -> {
            if (error != null) {
                done.fail(error);
                return;
            }
            StatusException failure = WriteStatuses.failure(report, api.query().registry());
            if (failure != null) {
                done.fail(failure);
            } else {
                done.complete();
            }
        }));
        return done.future();
    }

    private <Q, R> void subscribe(String label, List<SignalDefinition> signals, int bufferSize, Filter filter,
                                  GrpcServerResponse<Q, R> response, GrpcServerRequest<Q, R> call,
                                  BiFunction<List<SignalState>, Long, R> encoder) {
        // KUKSA's buffer_size counts responses; ours counts updates: the same depth for every signal.
        SubscriberOptions options = bufferSize == 0
                ? new SubscriberOptions(Backpressure.LATEST_ONLY, Math.max(api.queueCapacity(), signals.size() * 2),
                filter.getMinSampleInterval().getIntervalMs(), api.maxBatch())
                : new SubscriberOptions(Backpressure.DROP_OLDEST, (int) Math.min(api.queueCapacity(),
                (long) bufferSize * signals.size()), filter.getMinSampleInterval().getIntervalMs(), api.maxBatch());
        Context context = Vertx.currentContext();
        var subscriber = openOrRefuse(label, signals, options, context, response, encoder);
        if (subscriber == null) {
            return;
        }
        call.errorHandler(error -> subscriber.close()); // the client cancelled, or its connection went
        if (filter.getDurationMs() > 0) {
            context.owner().setTimer(filter.getDurationMs(), id -> {
                subscriber.close();
                response.end();
            });
        }
    }

    private <R> io.vehicle.bridge.subscription.Subscriber<R> openOrRefuse(String label,
            List<SignalDefinition> signals, SubscriberOptions options, Context context,
            GrpcServerResponse<?, R> response, BiFunction<List<SignalState>, Long, R> encoder) {
        String rpc = "kuksa.val.v2.VAL/Subscribe";
        try {
            var subscriber = api.hub().open(label, signals.stream().map(SignalDefinition::path).toList(), options, context,
                    response, encoder, reason -> api.calls().fail(response, rpc,
                            new StatusException(GrpcStatus.RESOURCE_EXHAUSTED, reason)));
            response.exceptionHandler(error -> subscriber.close());
            return subscriber;
        } catch (SubscriptionLimitException e) {
            throw new StatusException(GrpcStatus.RESOURCE_EXHAUSTED, e.getMessage());
        }
    }

    private SignalDefinition resolve(SignalID id) {
        return switch (id.getSignalCase()) {
            case PATH -> api.query().signal(id.getPath());
            case ID -> {
                String path = api.ids().path(id.getId());
                if (path == null) {
                    throw new StatusException(GrpcStatus.NOT_FOUND, "unknown signal id " + id.getId());
                }
                yield api.query().signal(path);
            }
            case SIGNAL_NOT_SET -> throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "signal_id is empty");
        };
    }

    static Datapoint datapoint(SignalState state) {
        Datapoint.Builder point = Datapoint.newBuilder().setTimestamp(Timestamps.of(state.timestamp()));
        if (state.available()) {
            point.setValue(state.wire());
        }
        return point.build();
    }

    private Metadata metadata(SignalDefinition signal) {
        Metadata.Builder meta = Metadata.newBuilder().setPath(signal.path()).setId(api.ids().id(signal.path()))
                .setDataType(KuksaValues.dataType(signal)).setDescription(signal.description()).setUnit(signal.unit())
                .setEntryType(signal.writable() ? EntryType.ENTRY_TYPE_ACTUATOR : EntryType.ENTRY_TYPE_SENSOR);
        if (signal.min() != null) {
            meta.setMin(KuksaValues.limit(signal, signal.min()));
        }
        if (signal.max() != null) {
            meta.setMax(KuksaValues.limit(signal, signal.max()));
        }
        if (!signal.allowed().isEmpty() && signal.type() != io.vehicle.someip.sdk.signal.SignalType.BOOLEAN) {
            meta.setAllowedValues(io.vehicle.idl.kuksa.val.v2.Value.newBuilder()
                    .setStringArray(StringArray.newBuilder().addAllValues(signal.allowed())));
        }
        return meta.build();
    }
}
