package io.vehicle.assistant.llm;

import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.gateway.v1.GetPolicyResponse;
import io.vehicle.idl.gateway.v1.PolicyRule;
import io.vehicle.idl.signal.Range;
import java.util.List;

/**
 * A policy as the bridge's GetPolicy returns it, with the kinds of rules its default file has: climate for every
 * writer with a range, volume capped below the catalog, locks and windows guarded by preconditions, the trunk by
 * a confirmation, a rule for another writer only, and signals no rule covers.
 */
final class TestPolicy {

    private TestPolicy() {
    }

    static GetPolicyResponse response() {
        return GetPolicyResponse.newBuilder().setVersion("test-1").setDefaultDeny(true)
                .addRules(rule("hvac-setpoints", List.of("Vehicle.Cabin.HVAC.Station.*.*.Temperature"), "*")
                        .setRange(Range.newBuilder().setMin(16).setMax(28)).setMaxStep(4))
                .addRules(rule("hvac-controls", List.of("Vehicle.Cabin.HVAC.Station.*.*.FanSpeed",
                        "Vehicle.Cabin.HVAC.Station.*.*.AirDistribution", "Vehicle.Cabin.HVAC.IsAirConditioningActive",
                        "Vehicle.Cabin.HVAC.IsFrontDefrosterActive"), "*"))
                .addRules(rule("seat-climate", List.of("Vehicle.Cabin.Seat.*.*.Heating"), "*"))
                .addRules(rule("lock", List.of("Vehicle.Cabin.Door.*.*.IsLocked"), "*").addAllowedValues("true"))
                .addRules(rule("unlock-standstill", List.of("Vehicle.Cabin.Door.*.*.IsLocked"), "*")
                        .addAllowedValues("false").addPreconditions("Vehicle.Speed < 3"))
                .addRules(rule("windows", List.of("Vehicle.Cabin.Door.*.*.Window.Position"), "*")
                        .addPreconditions("Vehicle.Speed < 3"))
                .addRules(rule("trunk", List.of("Vehicle.Body.Trunk.Rear.IsOpen"), "*").setRequiresConfirmation(true))
                .addRules(rule("volume", List.of("Vehicle.Cabin.Infotainment.Media.Volume"), "*")
                        .setRange(Range.newBuilder().setMin(0).setMax(80)))
                .addRules(rule("media", List.of("Vehicle.Cabin.Infotainment.Media.Played.Source"), "*"))
                .addRules(rule("bench-only", List.of("Vehicle.Cabin.Light"), "bench"))
                .build();
    }

    /** The same policy changed: no rule for the temperature setpoints, and the volume only up to 50. */
    static GetPolicyResponse changed() {
        GetPolicyResponse.Builder changed = response().toBuilder().setVersion("test-2").clearRules();
        for (PolicyRule rule : response().getRulesList()) {
            if (rule.getId().equals("volume")) {
                changed.addRules(rule.toBuilder().setRange(Range.newBuilder().setMin(0).setMax(50)));
            } else if (!rule.getId().equals("hvac-setpoints")) {
                changed.addRules(rule);
            }
        }
        return changed.build();
    }

    static ToolCatalog tools() {
        return ToolCatalog.build(VehicleCatalog.signals(), response(), "assistant");
    }

    private static PolicyRule.Builder rule(String id, List<String> signals, String writer) {
        return PolicyRule.newBuilder().setId(id).setName(id).addAllSignals(signals).addWriters(writer);
    }
}
