package io.vehicle.bridge.services;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.vehicle.bridge.auth.Identity;
import io.vehicle.bridge.grpc.ApiContext;
import io.vehicle.bridge.grpc.SignalQuery;
import io.vehicle.bridge.grpc.WriteStatuses;
import io.vehicle.bridge.values.SignalState;
import io.vehicle.bridge.write.CallRefusedException;
import io.vehicle.bridge.write.MethodGate;
import io.vehicle.bridge.write.SignalWrite;
import io.vehicle.bridge.write.WriteOrder;
import io.vehicle.someip.runtime.RequestTimeoutException;
import io.vehicle.someip.runtime.ServiceUnavailableException;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.signal.SignalClient;
import io.vehicle.someip.sdk.signal.SignalCodec;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The IDL's vehicle services (HvacService and the rest) over gRPC, as they are over SOME/IP, bridged
 * generically by descriptor with DynamicMessage: one gRPC method per rpc of the .proto, same names and
 * messages. Getters read the ECU; setters go through the write gate like any write (only the signals that
 * change are judged) and answer once the ECU accepted; methods go through the method gate; events and
 * field notifiers stream (a field's current value first).
 *
 * <p>A client may assert the driver's confirmation with the request header {@code driver-confirmed: true}.
 */
public final class VehicleServices {

    static final String DRIVER_CONFIRMED = "driver-confirmed";

    private final ApiContext api;
    private final SignalClient client;
    private final MethodGate methods;
    private final EventFanout events;

    public VehicleServices(ApiContext api, SignalClient client, MethodGate methods) {
        this.api = api;
        this.client = client;
        this.methods = methods;
        this.events = new EventFanout(client);
    }

    public void bind() {
        for (ServiceBinding service : client.registry().services()) {
            String fullName = service.descriptor().getFullName();
            String pkg = service.descriptor().getFile().getPackage();
            ServiceName name = ServiceName.create(pkg, service.descriptor().getName());
            for (RpcBinding rpc : service.rpcs()) {
                ServiceMethod<Message, Message> method = ServiceMethod.server(name, rpc.name(),
                        GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(DynamicMessage.getDefaultInstance(
                                rpc.input())));
                String rpcName = fullName + "/" + rpc.name();
                switch (rpc.kind()) {
                    case FIELD_GETTER -> api.calls().unary(method, (caller, request) -> get(caller, service, rpc));
                    case FIELD_SETTER -> api.calls().unaryWithHeaders(method, (caller, request, headers) ->
                            set(caller, service, rpc, request, rpcName, confirmed(headers)));
                    case METHOD, FIRE_AND_FORGET -> api.calls().unaryWithHeaders(method, (caller, request, headers) ->
                            answer(methods.call(caller, service, rpc, request, confirmed(headers))));
                    case EVENT, FIELD_NOTIFIER -> api.calls().serverStream(method, (caller, request, response, call) ->
                            stream(caller, service, rpc, response, call));
                }
            }
        }
    }

    private Future<Message> get(Identity caller, ServiceBinding service, RpcBinding rpc) {
        SignalQuery.requireRead(caller, signalsOf(service, rpc.field()));
        return answer(client.getField(service, rpc.field()));
    }

    private Future<Message> set(Identity caller, ServiceBinding service, RpcBinding rpc, Message request,
                                String rpcName, boolean confirmed) {
        List<SignalWrite> changes = new ArrayList<>();
        for (SignalDefinition signal : client.registry().ofField(service, rpc.field())) {
            Object value = SignalCodec.read(signal, request);
            SignalState state = api.values().get(signal.path());
            if (!(state.available() && state.value().equals(value))) {
                changes.add(new SignalWrite(signal.path(), value));
            }
        }
        if (changes.isEmpty()) {
            return get(caller, service, rpc);
        }
        Context context = Vertx.currentContext();
        var attempt = api.gate().write(new WriteOrder(caller, "service:" + rpcName, changes, false, null,
                confirmed, ""));
        Promise<Message> done = Promise.promise();
        attempt.accepted().whenComplete((report, error) -> context.runOnContext(v -> {
            StatusException failure = error != null ? new StatusException(GrpcStatus.INTERNAL, error.toString())
                    : WriteStatuses.failure(report, client.registry());
            if (failure != null) {
                done.fail(failure);
            } else {
                answer(client.getField(service, rpc.field())).onComplete(done);
            }
        }));
        return done.future();
    }

    private void stream(Identity caller, ServiceBinding service, RpcBinding rpc,
                        GrpcServerResponse<Message, Message> response, GrpcServerRequest<Message, Message> call) {
        List<SignalDefinition> carried = client.registry().all().stream()
                .filter(s -> s.service() == service && s.notifier() != null && s.notifier().name().equals(rpc.name()))
                .toList();
        SignalQuery.requireRead(caller, carried.isEmpty() ? signalsOf(service, null) : carried);
        Context context = Vertx.currentContext();
        AtomicBoolean open = new AtomicBoolean(true);
        Runnable[] stop = new Runnable[1];
        stop[0] = events.listen(service, rpc, message -> context.runOnContext(v -> {
            if (!open.get()) {
                return;
            }
            if (response.writeQueueFull()) {
                // No unbounded queue for a client that does not read: end its stream, keep everyone else's.
                open.set(false);
                stop[0].run();
                api.calls().fail(response, service.descriptor().getFullName() + "/" + rpc.name(),
                        new StatusException(GrpcStatus.RESOURCE_EXHAUSTED, "the client read too slowly"));
                return;
            }
            try {
                response.write(message);
            } catch (IllegalStateException gone) {
                open.set(false);
                stop[0].run();
            }
        }));
        response.exceptionHandler(error -> {
            open.set(false);
            stop[0].run();
        });
        call.errorHandler(error -> { // the client cancelled, or its connection went
            open.set(false);
            stop[0].run();
        });
        if (rpc.field() != null) {
            FieldBinding field = service.fields().get(rpc.field());
            if (field.getter() != null) {
                // The field's current value first, as a SOME/IP subscriber gets its initial event.
                client.getField(service, rpc.field()).thenAccept(value -> context.runOnContext(v -> {
                    if (open.get()) {
                        response.write(value);
                    }
                }));
            }
        }
    }

    /** The signals a getter, setter or event of the service reads; all of the service's when none. */
    private List<SignalDefinition> signalsOf(ServiceBinding service, String field) {
        List<SignalDefinition> signals = field == null ? List.of() : client.registry().ofField(service, field);
        return signals.isEmpty() ? client.registry().all().stream().filter(s -> s.service() == service).toList()
                : signals;
    }

    private static boolean confirmed(MultiMap headers) {
        return "true".equalsIgnoreCase(headers.get(DRIVER_CONFIRMED));
    }

    /** An ECU's answer as a Vert.x future on the caller's context, its failures as gRPC statuses. */
    private static Future<Message> answer(CompletableFuture<? extends Message> ecu) {
        Context context = Vertx.currentContext();
        Promise<Message> done = Promise.promise();
        ecu.whenComplete((message, error) -> context.runOnContext(v -> {
            if (error == null) {
                done.complete(message);
            } else {
                done.fail(status(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error));
            }
        }));
        return done.future();
    }

    static StatusException status(Throwable cause) {
        if (cause instanceof StatusException status) {
            return status;
        }
        if (cause instanceof CallRefusedException refused) {
            GrpcStatus status = switch (refused.status()) {
                case DENIED_BY_POLICY, NEEDS_CONFIRMATION -> GrpcStatus.PERMISSION_DENIED;
                case UNAVAILABLE -> GrpcStatus.UNAVAILABLE;
                case TIMEOUT -> GrpcStatus.DEADLINE_EXCEEDED;
                case INVALID -> GrpcStatus.INVALID_ARGUMENT;
                default -> GrpcStatus.FAILED_PRECONDITION;
            };
            return new StatusException(status, refused.getMessage());
        }
        if (cause instanceof SomeIpErrorException refusal) {
            return new StatusException(GrpcStatus.FAILED_PRECONDITION, "the ECU refused: " + refusal.getMessage());
        }
        if (cause instanceof ServiceUnavailableException unavailable) {
            return new StatusException(GrpcStatus.UNAVAILABLE, unavailable.getMessage());
        }
        if (cause instanceof RequestTimeoutException timeout) {
            return new StatusException(GrpcStatus.DEADLINE_EXCEEDED, timeout.getMessage());
        }
        return new StatusException(GrpcStatus.INTERNAL, "the ECU call failed: " + cause);
    }
}
