package io.vehicle.bridge.dashboard;

import com.google.protobuf.Message;
import io.vehicle.idl.simulator.v1.ClearFaultRequest;
import io.vehicle.idl.simulator.v1.ListEcusRequest;
import io.vehicle.idl.simulator.v1.SetDriveProfileRequest;
import io.vehicle.idl.simulator.v1.SimulatorControlGrpcClient;
import io.vehicle.idl.simulator.v1.TriggerFaultRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.grpc.common.ServiceMethod;
import java.util.function.Function;

/**
 * The fault and drive panels' calls to the simulator's control API ({@code TriggerFault}, {@code ClearFault},
 * {@code SetDriveProfile}; requests and answers in protobuf's JSON mapping; faults checked first by
 * {@link FaultCheck}), and the view of its ECUs, asked every second while it is configured.
 */
final class SimulatorRoutes {

    private static final long ECU_POLL_MS = 1000;

    private final ServiceLink simulator;
    private volatile JsonObject ecus;

    SimulatorRoutes(Vertx vertx, ServiceLink simulator) {
        this.simulator = simulator;
        this.ecus = simulator.describe();
        if (simulator.configured()) {
            vertx.setPeriodic(0, ECU_POLL_MS, id -> pollEcus());
        }
    }

    void mount(Router router) {
        unary(router, "/api/simulator/fault", TriggerFaultRequest.getDefaultInstance(),
                SimulatorControlGrpcClient.TriggerFault, request -> FaultCheck.problem(request, ecus));
        unary(router, "/api/simulator/clear", ClearFaultRequest.getDefaultInstance(),
                SimulatorControlGrpcClient.ClearFault, request -> null);
        unary(router, "/api/simulator/drive", SetDriveProfileRequest.getDefaultInstance(),
                SimulatorControlGrpcClient.SetDriveProfile, request -> null);
    }

    @SuppressWarnings("unchecked")
    private <Q extends Message, R extends Message> void unary(Router router, String path, Q prototype,
                                                            ServiceMethod<R, Q> method,
                                                            Function<Q, String> check) {
        router.post(path).handler(context -> {
            Q request;
            try {
                request = (Q) ProtoJson.parse(context.body().asString(), prototype.newBuilderForType()).build();
            } catch (ProtoJson.BadRequest e) {
                ServiceLink.error(context.response(), 400, e.getMessage());
                return;
            }
            String problem = simulator.configured() ? check.apply(request) : null;
            if (problem != null) {
                ServiceLink.error(context.response(), 400, problem);
                return;
            }
            simulator.answer(context.response(), method, request);
        });
    }

    /** The ECUs and their faults as the simulator last reported them, or why they are not known. */
    JsonObject ecus() {
        return ecus;
    }

    private void pollEcus() {
        simulator.call(SimulatorControlGrpcClient.ListEcus, ListEcusRequest.getDefaultInstance()).onComplete(result ->
                ecus = result.succeeded() ? new JsonObject(ProtoJson.print(result.result())).put("configured", true)
                        : simulator.describe().put("error", simulator.reason(result.cause())));
    }
}
