package io.vehicle.idl.api;

import com.google.protobuf.Timestamp;
import io.vehicle.idl.kuksa.val.v2.Datapoint;
import io.vehicle.idl.kuksa.val.v2.GetServerInfoRequest;
import io.vehicle.idl.kuksa.val.v2.GetServerInfoResponse;
import io.vehicle.idl.kuksa.val.v2.GetValueRequest;
import io.vehicle.idl.kuksa.val.v2.GetValueResponse;
import io.vehicle.idl.kuksa.val.v2.SubscribeRequest;
import io.vehicle.idl.kuksa.val.v2.SubscribeResponse;
import io.vehicle.idl.kuksa.val.v2.VALService;
import io.vehicle.idl.kuksa.val.v2.Value;
import io.vertx.core.Future;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.Map;

/**
 * kuksa.val.v2.VAL on the generated Vert.x base class, answering from a fixed table: how a server
 * implements unary rpcs, server streams and gRPC error statuses with these stubs.
 */
final class FixedValService extends VALService {

    static final String SERVER_NAME = "fixed-val";
    static final Timestamp SAMPLED = Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5_000).build();
    /** Negative and wide values, so a client decodes zigzag sint32 and float fixed32 correctly. */
    static final Map<String, Value> VALUES = Map.of(
            "Vehicle.Speed", Value.newBuilder().setFloat(42.5f).build(),
            "Vehicle.Exterior.AirTemperature", Value.newBuilder().setInt32(-40).build(),
            "Vehicle.TraveledDistance", Value.newBuilder().setUint64(10_000_000_000L).build());

    @Override
    public Future<GetServerInfoResponse> getServerInfo(GetServerInfoRequest request) {
        return Future.succeededFuture(GetServerInfoResponse.newBuilder().setName(SERVER_NAME).setVersion("0").build());
    }

    @Override
    public Future<GetValueResponse> getValue(GetValueRequest request) {
        String path = request.getSignalId().getPath();
        Value value = VALUES.get(path);
        if (value == null) {
            return Future.failedFuture(new StatusException(GrpcStatus.NOT_FOUND, "no signal " + path));
        }
        return Future.succeededFuture(GetValueResponse.newBuilder().setDataPoint(datapoint(value)).build());
    }

    /**
     * Overrides the WriteStream form: the generated Future&lt;ReadStream&gt; form leaves the call open
     * when its future fails, so a server must end streams itself.
     */
    @Override
    protected void subscribe(SubscribeRequest request, WriteStream<SubscribeResponse> response) {
        for (String path : request.getSignalPathsList()) {
            if (!VALUES.containsKey(path)) {
                ((io.vertx.grpc.server.GrpcServerResponse<?, ?>) response)
                        .fail(new StatusException(GrpcStatus.NOT_FOUND, "no signal " + path));
                return;
            }
        }
        for (String path : request.getSignalPathsList()) {
            response.write(SubscribeResponse.newBuilder().putEntries(path, datapoint(VALUES.get(path))).build());
        }
        response.end();
    }

    private static Datapoint datapoint(Value value) {
        return Datapoint.newBuilder().setTimestamp(SAMPLED).setValue(value).build();
    }
}
