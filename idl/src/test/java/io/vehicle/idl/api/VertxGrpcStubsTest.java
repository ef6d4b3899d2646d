package io.vehicle.idl.api;

import static io.vehicle.idl.api.LoopbackGrpcServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vehicle.idl.assistant.v1.AssistantGrpcClient;
import io.vehicle.idl.assistant.v1.AssistantGrpcService;
import io.vehicle.idl.gateway.v1.GatewayGrpcClient;
import io.vehicle.idl.gateway.v1.GatewayGrpcService;
import io.vehicle.idl.gateway.v1.GatewayService;
import io.vehicle.idl.gateway.v1.SignalWrite;
import io.vehicle.idl.gateway.v1.WriteOutcome;
import io.vehicle.idl.gateway.v1.WriteRequest;
import io.vehicle.idl.gateway.v1.WriteResponse;
import io.vehicle.idl.gateway.v1.WriteResult;
import io.vehicle.idl.gateway.v1.WriteStatus;
import io.vehicle.idl.kuksa.val.v2.GetServerInfoRequest;
import io.vehicle.idl.kuksa.val.v2.GetValueRequest;
import io.vehicle.idl.kuksa.val.v2.SignalID;
import io.vehicle.idl.kuksa.val.v2.SubscribeRequest;
import io.vehicle.idl.kuksa.val.v2.SubscribeResponse;
import io.vehicle.idl.kuksa.val.v2.VALGrpcClient;
import io.vehicle.idl.kuksa.val.v2.VALGrpcService;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vehicle.idl.simulator.v1.SimulatorControlGrpcClient;
import io.vehicle.idl.simulator.v1.SimulatorControlGrpcService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x gRPC stubs generated for the four API services: present for every rpc (this class does
 * not compile without them), and working over a real HTTP/2 connection on loopback.
 */
class VertxGrpcStubsTest {

    @Test
    @DisplayName("every API service has Vert.x server and client stubs naming each of its rpcs")
    void stubsCoverEveryRpc() {
        assertCovers(VALGrpcService.SERVICE_NAME, VALGrpcService.SERVICE_DESCRIPTOR, VALGrpcService.all(),
                "kuksa.val.v2.VAL", 11);
        assertCovers(GatewayGrpcService.SERVICE_NAME, GatewayGrpcService.SERVICE_DESCRIPTOR, GatewayGrpcService.all(),
                "vehicle.gateway.v1.Gateway", 5);
        assertCovers(AssistantGrpcService.SERVICE_NAME, AssistantGrpcService.SERVICE_DESCRIPTOR,
                AssistantGrpcService.all(), "vehicle.assistant.v1.Assistant", 4);
        assertCovers(SimulatorControlGrpcService.SERVICE_NAME, SimulatorControlGrpcService.SERVICE_DESCRIPTOR,
                SimulatorControlGrpcService.all(), "vehicle.simulator.v1.SimulatorControl", 8);
        // Client-side method constants carry the same service and rpc names.
        assertThat(VALGrpcClient.Subscribe.methodName()).isEqualTo("Subscribe");
        assertThat(GatewayGrpcClient.Write.serviceName().fullyQualifiedName()).isEqualTo("vehicle.gateway.v1.Gateway");
        assertThat(AssistantGrpcClient.Ask.methodName()).isEqualTo("Ask");
        assertThat(SimulatorControlGrpcClient.TriggerFault.methodName()).isEqualTo("TriggerFault");
    }

    private static void assertCovers(ServiceName name, ServiceDescriptor descriptor, List<ServiceMethod<?, ?>> methods,
            String fullName, int rpcs) {
        assertThat(name.fullyQualifiedName()).isEqualTo(fullName);
        assertThat(descriptor.getFullName()).isEqualTo(fullName);
        List<String> declared = descriptor.getMethods().stream().map(MethodDescriptor::getName).toList();
        assertThat(declared).hasSize(rpcs);
        assertThat(methods).extracting(ServiceMethod::methodName).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    @DisplayName("kuksa.val.v2.VAL over HTTP/2: unary calls, a server stream, and NOT_FOUND as a gRPC status")
    void valRoundTrip() throws Exception {
        try (LoopbackGrpcServer server = LoopbackGrpcServer.start(VALGrpcService.of(new FixedValService()))) {
            VALGrpcClient val = VALGrpcClient.create(server.client(), server.address());

            assertThat(await(val.getServerInfo(GetServerInfoRequest.getDefaultInstance())).getName())
                    .isEqualTo(FixedValService.SERVER_NAME);
            var temperature = await(val.getValue(get("Vehicle.Exterior.AirTemperature"))).getDataPoint();
            assertThat(temperature.getValue().getInt32()).isEqualTo(-40);
            assertThat(temperature.getTimestamp()).isEqualTo(FixedValService.SAMPLED);

            Throwable unknown = catchThrowable(() -> await(val.getValue(get("Vehicle.Nope"))));
            assertThat(unknown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidStatusException.class);
            assertThat(((InvalidStatusException) unknown.getCause()).actualStatus()).isEqualTo(GrpcStatus.NOT_FOUND);

            List<SubscribeResponse> updates = await(server.onContext(() -> collect(val.subscribe(
                    SubscribeRequest.newBuilder().addSignalPaths("Vehicle.Speed")
                            .addSignalPaths("Vehicle.TraveledDistance").build()))));
            assertThat(updates).hasSize(2);
            assertThat(updates.get(0).getEntriesOrThrow("Vehicle.Speed").getValue().getFloat()).isEqualTo(42.5f);
            assertThat(updates.get(1).getEntriesOrThrow("Vehicle.TraveledDistance").getValue().getUint64())
                    .isEqualTo(10_000_000_000L);
        }
    }

    @Test
    @DisplayName("vehicle.gateway.v1.Gateway/Write over HTTP/2 carries per-item results with kuksa values")
    void gatewayWriteRoundTrip() throws Exception {
        GatewayService confirmingEverything = new GatewayService() {
            @Override
            public Future<WriteResponse> write(WriteRequest request) {
                WriteResponse.Builder response = WriteResponse.newBuilder()
                        .setOutcome(WriteOutcome.WRITE_OUTCOME_CONFIRMED).setCorrelationId(request.getCorrelationId());
                for (SignalWrite write : request.getWritesList()) {
                    response.addResults(WriteResult.newBuilder().setPath(write.getPath())
                            .setStatus(WriteStatus.WRITE_STATUS_CONFIRMED)
                            .setRequested(write.getValue()).setConfirmedValue(write.getValue()));
                }
                return Future.succeededFuture(response.build());
            }
        };
        try (LoopbackGrpcServer server = LoopbackGrpcServer.start(GatewayGrpcService.of(confirmingEverything))) {
            GatewayGrpcClient gateway = GatewayGrpcClient.create(server.client(), server.address());
            Value setpoint = Value.newBuilder().setFloat(23f).build();
            WriteResponse response = await(gateway.write(WriteRequest.newBuilder().setCorrelationId("utterance-1")
                    .addWrites(SignalWrite.newBuilder()
                            .setPath("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature").setValue(setpoint))
                    .build()));
            assertThat(response.getCorrelationId()).isEqualTo("utterance-1");
            assertThat(response.getResultsList()).singleElement().satisfies(result -> {
                assertThat(result.getStatus()).isEqualTo(WriteStatus.WRITE_STATUS_CONFIRMED);
                assertThat(result.getConfirmedValue()).isEqualTo(setpoint);
            });
        }
    }

    private static GetValueRequest get(String path) {
        return GetValueRequest.newBuilder().setSignalId(SignalID.newBuilder().setPath(path)).build();
    }

    /** Every message of a server stream, once it ends; fails if the stream ends with an error. */
    private static <T> Future<List<T>> collect(Future<io.vertx.core.streams.ReadStream<T>> stream) {
        return stream.compose(messages -> {
            Promise<List<T>> all = Promise.promise();
            List<T> received = new ArrayList<>();
            messages.exceptionHandler(all::tryFail).endHandler(end -> all.tryComplete(received)).handler(received::add);
            return all.future();
        });
    }
}
