package io.vehicle.someip.sdk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.testing.TestPorts;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link ServiceSkeleton#whenSubscribed} without a subscriber; ServiceLifecycleTest waits on it for real ones. */
class ServiceSkeletonWhenSubscribedTest {

    @Test
    @DisplayName("whenSubscribed stays pending while the eventgroup has no subscriber and is cancelled when the "
            + "skeleton closes")
    void pendingWithoutSubscriberCancelledOnClose() {
        try (SomeIpNode node = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1")
                .withSd(TestPorts.sdPort(11), SdTimings.fast()))) {
            ServiceSkeleton skeleton = node.skeleton(ServiceSkeleton.builder(0x1102, 1, 1, 0).event(0x8001, false, 1));
            skeleton.offer();
            CompletableFuture<Void> subscribed = skeleton.whenSubscribed(1);
            CompletableFuture<Void> otherGroup = skeleton.whenSubscribed(2);
            assertThat(subscribed).isNotDone();
            skeleton.close();
            assertThat(subscribed).isCancelled();
            assertThat(otherGroup).isCancelled();
        }
    }
}
