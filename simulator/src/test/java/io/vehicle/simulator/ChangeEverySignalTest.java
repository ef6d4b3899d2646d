package io.vehicle.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.testing.TestPorts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The load of {@code vehicle simulator bench} over real SOME/IP: each step, every field is notified with a new value. */
class ChangeEverySignalTest {

    @Test
    @DisplayName("with every signal changing, each clock step brings each field's notifier a value unlike its last")
    void everyFieldNotifiedChangedEachStep() throws Exception {
        int sdPort = TestPorts.sdPort(13);
        SignalRegistry registry = SignalRegistry.catalog();
        SimulatorConfig config = SimulatorConfig.defaults().withSdPort(sdPort).withSdTimings(SdTimings.fast())
                .withSomeipPort(0).withControl(new SimulatorConfig.Control(false, null, null));
        try (Simulator simulator = Simulator.startManual(config);
             SomeIpNode consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.101")
                     .withSd(sdPort, SdTimings.fast()))) {
            Map<String, BlockingQueue<DynamicMessage>> notified = new LinkedHashMap<>();
            List<DescriptorProxy> proxies = new ArrayList<>();
            List<CompletableFuture<?>> acknowledged = new ArrayList<>();
            for (var service : VehicleCatalog.services()) {
                ServiceBinding binding = ServiceBinding.of(service);
                DescriptorProxy proxy = new DescriptorProxy(consumer, binding, SomeIpSerializer.shared(),
                        binding.instanceId());
                proxies.add(proxy);
                for (FieldBinding field : binding.fields().values()) {
                    boolean carriesSignals = registry.all().stream().anyMatch(s -> s.field() != null
                            && s.service().serviceId() == binding.serviceId() && s.field().name().equals(field.name()));
                    if (field.notifier() == null || !carriesSignals) {
                        continue;
                    }
                    BlockingQueue<DynamicMessage> queue = new LinkedBlockingQueue<>();
                    notified.put(service.getName() + "." + field.name(), queue);
                    acknowledged.add(proxy.subscribe(field.notifier().name(),
                            DynamicMessage.getDefaultInstance(field.notifier().output()), queue::add).acknowledged());
                }
            }
            assertThat(notified).hasSize(21);
            CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            Map<String, DynamicMessage> last = new LinkedHashMap<>();
            for (var field : notified.entrySet()) {
                last.put(field.getKey(), take(field.getKey() + " initial value", field.getValue()));
            }

            simulator.changeEverySignal();
            for (int step = 1; step <= 3; step++) {
                simulator.advance(simulator.stepLength());
                for (var field : notified.entrySet()) {
                    DynamicMessage value = take(field.getKey() + " at step " + step, field.getValue());
                    assertThat(value).as("%s at step %d", field.getKey(), step).isNotEqualTo(last.get(field.getKey()));
                    last.put(field.getKey(), value);
                }
            }
            proxies.forEach(DescriptorProxy::close);
        }
    }

    private static DynamicMessage take(String what, BlockingQueue<DynamicMessage> queue) throws InterruptedException {
        DynamicMessage value = queue.poll(10, TimeUnit.SECONDS);
        assertThat(value).as("a notification of %s within 10 s", what).isNotNull();
        return value;
    }
}
