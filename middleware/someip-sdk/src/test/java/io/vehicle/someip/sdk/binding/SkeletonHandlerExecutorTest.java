package io.vehicle.someip.sdk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.idl.hvac.v1.Zone;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.testing.TestPorts;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A skeleton given a handler executor runs its methods, setters and getters there, not on Netty's
 * I/O threads, and its answers still go out: two nodes on loopback with real SD, UDP and TCP.
 */
class SkeletonHandlerExecutorTest {

    static final ServiceBinding HVAC = ServiceBinding.of(ClimateSettings.getDescriptor().getFile()
            .findServiceByName("HvacService"));
    static final String HANDLER_THREAD = "ecu-handlers";

    SomeIpNode ecuNode;
    SomeIpNode clientNode;
    final ExecutorService handlers = Executors.newSingleThreadExecutor(r -> new Thread(r, HANDLER_THREAD));
    /** The thread each rpc of the ECU last ran on. */
    final Map<String, Thread> ranOn = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        int port = TestPorts.sdPort(10);
        ecuNode = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1").withSd(port, SdTimings.fast()));
        clientNode = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.2").withSd(port, SdTimings.fast()));
    }

    @AfterEach
    void stop() {
        clientNode.close();
        ecuNode.close();
        handlers.shutdownNow();
    }

    @Test
    @DisplayName("methods and setters run on the given executor; answers, errors and getters come back over UDP and TCP")
    void handlersOnTheExecutor() throws Exception {
        DescriptorSkeleton ecu = ecu(DescriptorSkeleton.builder(HVAC, SomeIpSerializer.shared())
                .handlerExecutor(handlers));
        for (TransportPreference transport : new TransportPreference[] {TransportPreference.UDP,
                TransportPreference.TCP}) {
            DescriptorProxy proxy = new DescriptorProxy(clientNode, HVAC, SomeIpSerializer.shared(),
                    HVAC.instanceId()).transport(transport);
            proxy.whenAvailable().get(10, TimeUnit.SECONDS);
            SetZoneTemperatureResponse answer = proxy.call("SetZoneTemperature", SetZoneTemperatureRequest.newBuilder()
                    .setZone(Zone.ZONE_ROW1_DRIVER).setCelsius(22.5f).build(),
                    SetZoneTemperatureResponse.getDefaultInstance()).get(10, TimeUnit.SECONDS);
            assertThat(answer.getSetpoints().getRow1Driver()).as(transport.name()).isEqualTo(22.5f);

            ClimateSettings wanted = ClimateSettings.newBuilder().setSetpoints(ZoneSetpoints.newBuilder()
                    .setRow1Driver(21)).setRow1DriverFanSpeed(40).build();
            assertThat(proxy.call("SetClimate", wanted, ClimateSettings.getDefaultInstance()).get(10, TimeUnit.SECONDS))
                    .isEqualTo(wanted);
            assertThat(proxy.call("GetClimate", Empty.getDefaultInstance(), ClimateSettings.getDefaultInstance())
                    .get(10, TimeUnit.SECONDS)).isEqualTo(wanted);
            assertThat(ecu.fieldValue("Climate", ClimateSettings.getDefaultInstance())).isEqualTo(wanted);

            Throwable refused = failure(proxy.call("SetZoneTemperature", SetZoneTemperatureRequest.newBuilder()
                    .setZone(Zone.ZONE_ROW1_DRIVER).setCelsius(99).build()));
            assertThat(refused).isInstanceOfSatisfying(SomeIpErrorException.class,
                    e -> assertThat(e.returnCode()).isEqualTo(0x20));
            proxy.close();
        }
        assertThat(ranOn).containsOnlyKeys("SetZoneTemperature", "SetClimate");
        assertThat(ranOn.values()).allSatisfy(thread -> assertThat(thread.getName()).isEqualTo(HANDLER_THREAD));
    }

    @Test
    @DisplayName("without an executor, handlers run on the Netty I/O thread that received the request")
    void defaultIsTheIoThread() throws Exception {
        ecu(DescriptorSkeleton.builder(HVAC, SomeIpSerializer.shared()));
        DescriptorProxy proxy = new DescriptorProxy(clientNode, HVAC, SomeIpSerializer.shared(), HVAC.instanceId());
        proxy.whenAvailable().get(10, TimeUnit.SECONDS);
        proxy.call("SetZoneTemperature", SetZoneTemperatureRequest.newBuilder().setZone(Zone.ZONE_ROW1_DRIVER)
                .setCelsius(20).build()).get(10, TimeUnit.SECONDS);
        assertThat(ranOn.get("SetZoneTemperature")).isInstanceOf(FastThreadLocalThread.class)
                .extracting(Thread::getName).isNotEqualTo(HANDLER_THREAD);
    }

    @Test
    @DisplayName("an executor that refuses work (shut down) gets the request answered with E_NOT_OK, not left hanging")
    void refusedByTheExecutor() throws Exception {
        ecu(DescriptorSkeleton.builder(HVAC, SomeIpSerializer.shared()).handlerExecutor(handlers));
        DescriptorProxy proxy = new DescriptorProxy(clientNode, HVAC, SomeIpSerializer.shared(), HVAC.instanceId());
        proxy.whenAvailable().get(10, TimeUnit.SECONDS);
        handlers.shutdown();
        // A getter: it too goes through the executor, so it too is refused.
        assertThat(failure(proxy.call("GetClimate", Empty.getDefaultInstance())))
                .isInstanceOfSatisfying(SomeIpErrorException.class,
                        e -> assertThat(e.returnCode()).isEqualTo(ReturnCode.E_NOT_OK.value()));
        assertThat(ranOn).isEmpty();
    }

    private DescriptorSkeleton ecu(DescriptorSkeleton.Builder builder) {
        DescriptorSkeleton ecu = builder
                .handle("SetZoneTemperature", SetZoneTemperatureRequest.getDefaultInstance(), m -> {
                    ranOn.put("SetZoneTemperature", Thread.currentThread());
                    SetZoneTemperatureRequest request = (SetZoneTemperatureRequest) m;
                    if (request.getCelsius() > 28) {
                        return CompletableFuture.failedFuture(new SomeIpErrorException(0x20, "out of range"));
                    }
                    return CompletableFuture.completedFuture(SetZoneTemperatureResponse.newBuilder().setSetpoints(
                            ZoneSetpoints.newBuilder().setRow1Driver(request.getCelsius())).build());
                })
                .onSet("Climate", ClimateSettings.getDefaultInstance(), requested -> {
                    ranOn.put("SetClimate", Thread.currentThread());
                    return CompletableFuture.completedFuture(requested);
                })
                .build(ecuNode);
        ecu.offer();
        return ecu;
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + future.join());
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
