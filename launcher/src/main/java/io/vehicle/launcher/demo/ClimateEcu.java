package io.vehicle.launcher.demo;

import io.vehicle.api.hvac.v1.HvacServiceSkeleton;
import io.vehicle.idl.hvac.v1.CabinTemperature;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.idl.hvac.v1.Zone;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.runtime.SomeIpErrorException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A climate ECU for the demo: the HVAC service of the IDL with a small plant model, the cabin air
 * moving toward the driver's setpoint a little at each {@link #tick()}. Setpoints clamp to the
 * signal's range (16..28 °C); fan speeds over 100 % are refused.
 */
final class ClimateEcu extends HvacServiceSkeleton {

    static final float MIN_CELSIUS = 16;
    static final float MAX_CELSIUS = 28;

    private float cabin;

    ClimateEcu(SomeIpNode node, float cabinCelsius) {
        super(node);
        this.cabin = cabinCelsius;
        updateClimate(ClimateSettings.newBuilder()
                .setSetpoints(ZoneSetpoints.newBuilder().setRow1Driver(20.5f).setRow1Passenger(20.5f)
                        .setRow2Driver(20.5f).setRow2Passenger(20.5f))
                .setRow1DriverFanSpeed(30).setRow1PassengerFanSpeed(30).setAutoMode(true).build());
        updateCabinTemperature(CabinTemperature.newBuilder().setCelsius(cabinCelsius).build());
    }

    @Override
    protected CompletionStage<SetZoneTemperatureResponse> setZoneTemperature(SetZoneTemperatureRequest request) {
        float celsius = Math.max(MIN_CELSIUS, Math.min(MAX_CELSIUS, request.getCelsius()));
        ClimateSettings current = climate();
        ZoneSetpoints.Builder setpoints = current.getSetpoints().toBuilder();
        switch (request.getZone()) {
            case ZONE_ROW1_DRIVER -> setpoints.setRow1Driver(celsius);
            case ZONE_ROW1_PASSENGER -> setpoints.setRow1Passenger(celsius);
            case ZONE_ROW2_DRIVER -> setpoints.setRow2Driver(celsius);
            case ZONE_ROW2_PASSENGER -> setpoints.setRow2Passenger(celsius);
            default -> {
                return CompletableFuture.failedFuture(new SomeIpErrorException(0x20, "no such zone: "
                        + request.getZone()));
            }
        }
        updateClimate(current.toBuilder().setSetpoints(setpoints).build());
        return CompletableFuture.completedFuture(SetZoneTemperatureResponse.newBuilder()
                .setSetpoints(setpoints).build());
    }

    @Override
    protected CompletionStage<ClimateSettings> onSetClimate(ClimateSettings requested) {
        if (requested.getRow1DriverFanSpeed() > 100 || requested.getRow1PassengerFanSpeed() > 100) {
            return CompletableFuture.failedFuture(new SomeIpErrorException(0x20,
                    "fan speed above 100 % (signal range 0..100)"));
        }
        return CompletableFuture.completedFuture(requested);
    }

    /** One step of the plant: the cabin closes a fifth of the gap to the driver's setpoint. */
    synchronized void tick() {
        float target = climate().getSetpoints().getRow1Driver();
        float next = Math.round((cabin + (target - cabin) * 0.2f) * 10) / 10f;
        if (next != cabin) {
            cabin = next;
            updateCabinTemperature(CabinTemperature.newBuilder().setCelsius(cabin).build());
        }
    }

}
