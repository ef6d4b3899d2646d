package io.vehicle.api.typed;

import io.vehicle.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vehicle.api.lights.v1.LightServiceSkeleton;
import io.vehicle.idl.lights.v1.AmbientScene;
import io.vehicle.idl.lights.v1.InteriorLights;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sd.SdTimings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A typed skeleton whose field type has no serializable default (InteriorLights.ambient_color is a
 * fixed array of three) can be built, refuses to offer until the field is set, then offers.
 * Before the fix the generated constructor itself threw, so LightService could not be implemented.
 */
class TypedSkeletonFieldDefaultTest {

    static final class Lights extends LightServiceSkeleton {
        Lights(SomeIpNode node) {
            super(node);
        }

        @Override
        protected CompletionStage<InteriorLights> applyScene(AmbientScene request) {
            return CompletableFuture.completedFuture(interior());
        }
    }

    @Test
    void fieldWithoutSerializableDefaultMustBeSetBeforeOffering() {
        int sdPort = TestPorts.sdPort(1);
        try (SomeIpNode node = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.1")
                .withSd(sdPort, SdTimings.fast()));
             Lights lights = new Lights(node)) {
            assertThatThrownBy(lights::offer).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Interior");
            InteriorLights value = InteriorLights.newBuilder().addAllAmbientColor(List.of(1, 2, 3)).build();
            lights.updateInterior(value);
            lights.offer();
            assertThat(lights.interior()).isEqualTo(value);
        }
    }
}
