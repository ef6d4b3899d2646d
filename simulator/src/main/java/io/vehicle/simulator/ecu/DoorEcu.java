package io.vehicle.simulator.ecu;

import io.vehicle.api.doors.v1.DoorServiceSkeleton;
import io.vehicle.idl.doors.v1.CentralLockRequest;
import io.vehicle.idl.doors.v1.DoorAjarWarning;
import io.vehicle.idl.doors.v1.DoorLocks;
import io.vehicle.idl.doors.v1.Trunk;
import io.vehicle.simulator.plant.PlantEvent;
import io.vehicle.simulator.plant.PlantValues.Source;
import io.vehicle.simulator.plant.VssPaths;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Locks and trunk of the body ECU. Doors do not unlock above the unlock speed; the trunk does not open
 * while locked or above the trunk speed. Door switches (open/closed) are plant values a bench forces.
 * Locking works with the power off (a key fob does).
 */
public final class DoorEcu extends DoorServiceSkeleton implements VirtualService {

    private static final List<String> LOCKS = List.of(VssPaths.doorLocked("Row1.DriverSide"),
            VssPaths.doorLocked("Row1.PassengerSide"), VssPaths.doorLocked("Row2.DriverSide"),
            VssPaths.doorLocked("Row2.PassengerSide"), VssPaths.TRUNK_LOCKED);

    private final ServiceSignals signals;

    public DoorEcu(SomeIpNode node, int instanceId, ServiceWiring wiring) {
        super(node, instanceId, wiring.simulation());
        this.signals = wiring.signals(descriptor());
        signals.errors().require("INVALID_VALUE", "TRUNK_SPEED", "TRUNK_LOCKED", "UNLOCK_WHILE_MOVING");
        signals.publish(true);
    }

    @Override
    public ServiceSignals signals() {
        return signals;
    }

    @Override
    public ServiceBinding binding() {
        return BINDING;
    }

    @Override
    protected CompletionStage<DoorLocks> onSetLocks(DoorLocks requested) {
        return signals.onSimulation(() -> {
            for (String path : LOCKS) {
                if (!(Boolean) signals.requested(path, requested)) {
                    checkUnlock(path);
                }
            }
            signals.apply("Locks", requested);
            return signals.build("Locks", locks());
        });
    }

    @Override
    protected CompletionStage<Trunk> onSetTrunk(Trunk requested) {
        return signals.onSimulation(() -> {
            if (requested.getOpen() && !signals.values().bool(VssPaths.TRUNK_OPEN)) {
                if (signals.values().bool(VssPaths.TRUNK_LOCKED)) {
                    throw signals.refuse("TRUNK_LOCKED", "Vehicle.Body.Trunk.Rear.IsLocked is true");
                }
                double limit = signals.plant().parameters().trunkMaxSpeedKmh();
                if (signals.speed() > limit) {
                    throw signals.refuse("TRUNK_SPEED", "Vehicle.Speed " + signals.values().number(VssPaths.SPEED)
                            + " km/h is above " + limit);
                }
            }
            signals.apply("Trunk", requested);
            return signals.build("Trunk", trunk());
        });
    }

    @Override
    protected CompletionStage<DoorLocks> centralLock(CentralLockRequest request) {
        return signals.onSimulation(() -> {
            List<String> changed;
            boolean lock;
            switch (request.getCommand()) {
                case LOCK_COMMAND_LOCK_ALL -> {
                    changed = LOCKS;
                    lock = true;
                }
                case LOCK_COMMAND_UNLOCK_ALL -> {
                    changed = LOCKS;
                    lock = false;
                }
                case LOCK_COMMAND_UNLOCK_DRIVER -> {
                    changed = List.of(VssPaths.doorLocked("Row1.DriverSide"));
                    lock = false;
                }
                default -> throw signals.refuse("INVALID_VALUE", "lock command " + request.getCommand());
            }
            if (!lock) {
                changed.forEach(this::checkUnlock);
            }
            changed.forEach(path -> signals.values().write(path, lock, Source.SETTER));
            signals.publish("Locks", false);
            return locks();
        });
    }

    private void checkUnlock(String path) {
        double limit = signals.plant().parameters().unlockMaxSpeedKmh();
        if (signals.values().bool(path) && signals.speed() > limit) {
            throw signals.refuse("UNLOCK_WHILE_MOVING", path + ": Vehicle.Speed "
                    + signals.values().number(VssPaths.SPEED) + " km/h is above " + limit);
        }
    }

    @Override
    public void plantEvent(PlantEvent event) {
        if (event instanceof PlantEvent.DoorAjar ajar) {
            publishDoorAjar(DoorAjarWarning.newBuilder().setDoors(open()).setSpeedKmh((float) ajar.speedKmh()).build());
        }
    }
}
