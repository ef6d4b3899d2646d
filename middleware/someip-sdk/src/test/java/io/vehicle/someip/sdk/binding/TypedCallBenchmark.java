package io.vehicle.someip.sdk.binding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.idl.hvac.v1.Zone;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import io.vehicle.someip.serialization.SerializationException;
import io.vehicle.someip.serialization.SomeIpSerializer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What a proxy call does before its bytes go to the ServiceProxy, per path: the typed API before
 * the TypedRpc constants (rpc looked up by name, request and response types compared by full name),
 * the by-name API now (lookup, Descriptor identity), and the resolved TypedRpc the generated
 * proxies use now (identity only); each then serializes the request into a pooled buffer, as
 * DescriptorProxy does. The network round trip that follows takes tens of microseconds.
 * Run: {@code BENCH_MODULE=middleware/someip-sdk bench/jmh TypedCallBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TypedCallBenchmark {

    private static final String RPC = "SetZoneTemperature";

    private final ServiceBinding binding = ServiceBinding.of(ZoneSetpoints.getDescriptor().getFile()
            .findServiceByName("HvacService"));
    /** The name map as the binding kept it before (a lookup without this change's counter). */
    private final Map<String, RpcBinding> byName = new HashMap<>();
    private final TypedRpc<SetZoneTemperatureRequest, SetZoneTemperatureResponse> resolved = binding.typedRpc(RPC,
            SetZoneTemperatureRequest.getDefaultInstance(), SetZoneTemperatureResponse.getDefaultInstance());
    private final SomeIpSerializer serializer = new SomeIpSerializer();
    private final SetZoneTemperatureRequest request = SetZoneTemperatureRequest.newBuilder()
            .setZone(Zone.ZONE_ROW1_DRIVER).setCelsius(22.5f).build();
    private final SetZoneTemperatureResponse responsePrototype = SetZoneTemperatureResponse.getDefaultInstance();

    public TypedCallBenchmark() {
        binding.rpcs().forEach(rpc -> byName.put(rpc.name(), rpc));
    }

    @Benchmark
    public int serializeOnly() throws SerializationException {
        return serialize(request);
    }

    /** The generated proxy's path before: DescriptorProxy.call(String, Message, T) as it was. */
    @Benchmark
    public int typedBefore() throws SerializationException {
        RpcBinding rpc = byName.get(RPC);
        if (rpc == null || rpc.isEvent() || rpc.kind() == RpcKind.FIRE_AND_FORGET) {
            throw new IllegalArgumentException(RPC);
        }
        checkByName(rpc.input(), request);
        checkByName(rpc.output(), responsePrototype);
        return serialize(request);
    }

    /** The by-name path now (the bridge's): lookup, identity checks. */
    @Benchmark
    public int byNameNow() throws SerializationException {
        RpcBinding rpc = binding.rpc(RPC);
        binding.requireType(rpc.output(), responsePrototype, RPC);
        if (rpc.isEvent() || rpc.kind() == RpcKind.FIRE_AND_FORGET) {
            throw new IllegalArgumentException(RPC);
        }
        binding.requireType(rpc.input(), request, RPC);
        return serialize(request);
    }

    /** The generated proxy's path now: DescriptorProxy.call(TypedRpc, I). */
    @Benchmark
    public int typedNow() throws SerializationException {
        RpcBinding rpc = resolved.rpc();
        if (rpc.isEvent() || rpc.kind() == RpcKind.FIRE_AND_FORGET) {
            throw new IllegalArgumentException(RPC);
        }
        binding.requireType(rpc.input(), request, RPC);
        return serialize(request);
    }

    private int serialize(Message message) throws SerializationException {
        ByteBuf payload = serializer.serialize(message, PooledByteBufAllocator.DEFAULT);
        int size = payload.readableBytes();
        payload.release();
        return size;
    }

    /** The check DescriptorProxy made twice per call before. */
    private static void checkByName(Descriptor expected, Message message) {
        if (!message.getDescriptorForType().getFullName().equals(expected.getFullName())) {
            throw new IllegalArgumentException(expected.getFullName());
        }
    }
}
