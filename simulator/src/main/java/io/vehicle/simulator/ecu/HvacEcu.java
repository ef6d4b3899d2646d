package io.vehicle.simulator.ecu;

import io.vehicle.api.hvac.v1.HvacServiceSkeleton;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.DefrostCompleted;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.simulator.plant.PlantEvent;
import io.vehicle.simulator.plant.PlantValues.Source;
import io.vehicle.simulator.plant.VssPaths;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.signal.SignalCheck;
import io.vehicle.someip.sdk.signal.SignalDefinition;
import java.util.concurrent.CompletionStage;

/**
 * The climate ECU's HVAC service: setpoints, fan, A/C and defrost go into the plant, the cabin
 * temperature comes out of it. Refuses out-of-range values, unknown zones, anything while the power is
 * off, and the A/C when it is too cold outside for the compressor.
 */
public final class HvacEcu extends HvacServiceSkeleton implements VirtualService {

    private final ServiceSignals signals;

    public HvacEcu(SomeIpNode node, int instanceId, ServiceWiring wiring) {
        super(node, instanceId, wiring.simulation());
        this.signals = wiring.signals(descriptor());
        signals.errors().require("OUT_OF_RANGE", "INVALID_VALUE", "POWER_OFF", "AC_UNAVAILABLE");
        signals.publish(true);
    }

    @Override
    public ServiceSignals signals() {
        return signals;
    }

    @Override
    public io.vehicle.someip.sdk.binding.ServiceBinding binding() {
        return BINDING;
    }

    @Override
    protected CompletionStage<SetZoneTemperatureResponse> setZoneTemperature(SetZoneTemperatureRequest request) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            String path = switch (request.getZone()) {
                case ZONE_ROW1_DRIVER -> VssPaths.HVAC + "Station.Row1.Driver.Temperature";
                case ZONE_ROW1_PASSENGER -> VssPaths.HVAC + "Station.Row1.Passenger.Temperature";
                case ZONE_ROW2_DRIVER -> VssPaths.HVAC + "Station.Row2.Driver.Temperature";
                case ZONE_ROW2_PASSENGER -> VssPaths.HVAC + "Station.Row2.Passenger.Temperature";
                default -> throw signals.refuse("INVALID_VALUE", "zone " + request.getZone() + " is not a climate zone");
            };
            SignalDefinition signal = signals.values().registry().require(path);
            SignalCheck.value(signal, (double) request.getCelsius()).ifPresent(v -> {
                throw signals.refuse("OUT_OF_RANGE", v.toString());
            });
            signals.values().write(path, (double) request.getCelsius(), Source.SETTER);
            signals.publish("Climate", false);
            return SetZoneTemperatureResponse.newBuilder().setSetpoints(climate().getSetpoints()).build();
        });
    }

    @Override
    protected CompletionStage<ClimateSettings> onSetClimate(ClimateSettings requested) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            signals.check("Climate", requested);
            boolean acOn = signals.values().bool(VssPaths.AIR_CONDITIONING);
            double outside = signals.values().number(VssPaths.OUTSIDE_TEMPERATURE);
            double minimum = signals.plant().parameters().acMinOutsideCelsius();
            if (requested.getAirConditioning() && !acOn && outside < minimum) {
                throw signals.refuse("AC_UNAVAILABLE", "outside " + outside + " celsius, the compressor needs "
                        + minimum);
            }
            signals.apply("Climate", requested);
            return signals.build("Climate", climate());
        });
    }

    @Override
    public void plantEvent(PlantEvent event) {
        if (event instanceof PlantEvent.DefrostFinished done) {
            publishDefrostFinished(DefrostCompleted.newBuilder().setFront(done.front()).setRear(done.rear())
                    .setDurationS(Math.min(0xFFFF, done.durationS())).build());
        }
    }
}
