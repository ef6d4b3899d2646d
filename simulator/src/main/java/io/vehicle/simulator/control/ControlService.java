package io.vehicle.simulator.control;

import com.google.protobuf.DoubleValue;
import com.google.protobuf.Timestamp;
import io.vehicle.idl.simulator.v1.ClearFaultRequest;
import io.vehicle.idl.simulator.v1.ClearFaultResponse;
import io.vehicle.idl.simulator.v1.DriveProfile;
import io.vehicle.idl.simulator.v1.DriveSegment;
import io.vehicle.idl.simulator.v1.Ecu;
import io.vehicle.idl.simulator.v1.EcuState;
import io.vehicle.idl.simulator.v1.ForceValueRequest;
import io.vehicle.idl.simulator.v1.ForceValueResponse;
import io.vehicle.idl.simulator.v1.GetValuesRequest;
import io.vehicle.idl.simulator.v1.GetValuesResponse;
import io.vehicle.idl.simulator.v1.ListEcusRequest;
import io.vehicle.idl.simulator.v1.ListEcusResponse;
import io.vehicle.idl.simulator.v1.OfferedService;
import io.vehicle.idl.simulator.v1.PlantValue;
import io.vehicle.idl.simulator.v1.ReleaseValueRequest;
import io.vehicle.idl.simulator.v1.ReleaseValueResponse;
import io.vehicle.idl.simulator.v1.SetDriveProfileRequest;
import io.vehicle.idl.simulator.v1.SetDriveProfileResponse;
import io.vehicle.idl.simulator.v1.SimulationClock;
import io.vehicle.idl.simulator.v1.SimulatorControlService;
import io.vehicle.idl.simulator.v1.TriggerFaultRequest;
import io.vehicle.idl.simulator.v1.TriggerFaultResponse;
import io.vehicle.idl.simulator.v1.WatchValuesRequest;
import io.vehicle.idl.simulator.v1.WatchValuesResponse;
import io.vehicle.simulator.EcuStatus;
import io.vehicle.simulator.PlantValueSnapshot;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.plant.PlantValues;
import io.vehicle.someip.sdk.signal.SignalPattern;
import io.vehicle.someip.sdk.signal.SignalRegistry;
import io.vehicle.someip.sdk.signal.SignalValueException;
import io.vehicle.someip.sdk.signal.UnknownSignalException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * {@code vehicle.simulator.v1.SimulatorControl} on a running simulator: a bench in any language lists the
 * ECUs, reads and forces plant values, changes the drive profile and injects faults. Every call runs
 * off the event loop (the simulation thread answers it); errors are gRPC statuses with the reason.
 */
public final class ControlService extends SimulatorControlService {

    private final Vertx vertx;
    private final Simulator simulator;
    private final SignalRegistry registry = SignalRegistry.catalog();

    public ControlService(Vertx vertx, Simulator simulator) {
        this.vertx = vertx;
        this.simulator = simulator;
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return vertx.executeBlocking(() -> {
            try {
                return work.call();
            } catch (UnknownSignalException | NoSuchElementException e) {
                throw new StatusException(GrpcStatus.NOT_FOUND, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT, e.getMessage());
            } catch (StatusException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new StatusException(GrpcStatus.INTERNAL, e.toString());
            }
        }, false);
    }

    @Override
    public Future<ListEcusResponse> listEcus(ListEcusRequest request) {
        return blocking(() -> {
            ListEcusResponse.Builder response = ListEcusResponse.newBuilder();
            for (EcuStatus ecu : simulator.ecus()) {
                Ecu.Builder e = Ecu.newBuilder().setName(ecu.name()).setUnicastAddress(ecu.unicast())
                        .setState(EcuState.valueOf("ECU_STATE_" + ecu.state().name())).addAllFaults(ecu.faults());
                for (EcuStatus.Service s : ecu.services()) {
                    e.addServices(OfferedService.newBuilder().setName(s.name()).setServiceId(s.serviceId())
                            .setInstanceId(s.instanceId()).setMajorVersion(s.majorVersion())
                            .setMinorVersion(s.minorVersion()).setUdpPort(s.udpPort()).setTcpPort(s.tcpPort())
                            .setOffered(s.offered()));
                }
                response.addEcus(e);
            }
            return response.build();
        });
    }

    @Override
    public Future<GetValuesResponse> getValues(GetValuesRequest request) {
        return blocking(() -> GetValuesResponse.newBuilder()
                .addAllValues(simulator.values(request.getPatternsList()).stream().map(this::plantValue).toList())
                .setClock(clock()).setDriveProfile(profile()).build());
    }

    @Override
    public Future<ForceValueResponse> forceValue(ForceValueRequest request) {
        return blocking(() -> {
            Object value = KuksaValues.javaValue(request.getValue());
            if (value == null) {
                throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "ForceValue needs a value");
            }
            return ForceValueResponse.newBuilder()
                    .setValue(plantValue(simulator.force(request.getPath(), value, request.getHold()))).build();
        });
    }

    @Override
    public Future<ReleaseValueResponse> releaseValue(ReleaseValueRequest request) {
        return blocking(() -> ReleaseValueResponse.newBuilder()
                .setValue(plantValue(simulator.release(request.getPath()))).build());
    }

    @Override
    public Future<SetDriveProfileResponse> setDriveProfile(SetDriveProfileRequest request) {
        return blocking(() -> {
            List<io.vehicle.simulator.plant.DriveSegment> segments = new ArrayList<>();
            for (DriveSegment s : request.getProfile().getSegmentsList()) {
                segments.add(new io.vehicle.simulator.plant.DriveSegment(Duration.ofMillis(s.getDurationMs()),
                        s.getTargetSpeedKmh(), s.getGear().isEmpty() ? null : s.getGear(),
                        s.hasOutsideTemperatureCelsius() ? s.getOutsideTemperatureCelsius().getValue() : null,
                        s.getCharging()));
            }
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("a drive profile needs at least one segment");
            }
            simulator.driveProfile(new io.vehicle.simulator.plant.DriveProfile(segments, request.getProfile().getRepeat()));
            return SetDriveProfileResponse.newBuilder().setProfile(profile()).build();
        });
    }

    @Override
    public Future<TriggerFaultResponse> triggerFault(TriggerFaultRequest request) {
        return blocking(() -> TriggerFaultResponse.newBuilder().setFault(simulator.trigger(request.getFault(),
                Duration.ofMillis(request.getDurationMs()))).build());
    }

    @Override
    public Future<ClearFaultResponse> clearFault(ClearFaultRequest request) {
        return blocking(() -> {
            List<String> cleared = switch (request.getWhichCase()) {
                case FAULT_ID -> simulator.clearFault(request.getFaultId());
                case ALL -> {
                    if (!request.getAll()) {
                        throw new IllegalArgumentException("all must be true");
                    }
                    yield simulator.clearFaults();
                }
                default -> throw new IllegalArgumentException("ClearFault needs fault_id or all");
            };
            return ClearFaultResponse.newBuilder().addAllClearedFaultIds(cleared).build();
        });
    }

    @Override
    protected void watchValues(WatchValuesRequest request, WriteStream<WatchValuesResponse> response) {
        List<SignalPattern> patterns;
        List<PlantValueSnapshot> first;
        try {
            patterns = request.getPatternsList().stream().map(SignalPattern::parse).toList();
            first = simulator.values(request.getPatternsList());
        } catch (RuntimeException e) {
            ((io.vertx.grpc.server.GrpcServerResponse<?, ?>) response).status(e instanceof UnknownSignalException
                    ? GrpcStatus.NOT_FOUND : GrpcStatus.INVALID_ARGUMENT).statusMessage(e.getMessage()).end();
            return;
        }
        response.write(WatchValuesResponse.newBuilder().addAllValues(first.stream().map(this::plantValue).toList())
                .setClock(clock()).build());
        Map<String, Boolean> changed = new LinkedHashMap<>();
        PlantValues.Listener listener = (path, reported, at) -> {
            if (patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(path))) {
                synchronized (changed) {
                    changed.put(path, true);
                }
            }
        };
        simulator.addValueListener(listener);
        long interval = Math.max(20, request.getMinIntervalMs());
        long timer = vertx.setPeriodic(interval, id -> {
            List<String> paths;
            synchronized (changed) {
                paths = new ArrayList<>(changed.keySet());
                changed.clear();
            }
            if (!paths.isEmpty() && !response.writeQueueFull()) {
                vertx.executeBlocking(() -> paths.stream().map(simulator::value).map(this::plantValue).toList(), false)
                        .onSuccess(values -> response.write(WatchValuesResponse.newBuilder().addAllValues(values)
                                .setClock(clock()).build()));
            }
        });
        response.exceptionHandler(e -> {
            vertx.cancelTimer(timer);
            simulator.removeValueListener(listener);
        });
    }

    private PlantValue plantValue(PlantValueSnapshot snapshot) {
        var signal = registry.require(snapshot.path());
        PlantValue.Builder value = PlantValue.newBuilder().setPath(snapshot.path())
                .setValue(KuksaValues.of(signal, snapshot.value())).setChanged(timestamp(snapshot.changed()))
                .setEcu(snapshot.ecu()).setHeld(snapshot.held()).setFrozen(snapshot.frozen());
        if (snapshot.frozen()) {
            value.setReportedValue(KuksaValues.of(signal, snapshot.reported()));
        }
        return value.build();
    }

    private SimulationClock clock() {
        return SimulationClock.newBuilder().setNow(timestamp(simulator.instant())).setRate(simulator.measuredRate()).build();
    }

    private DriveProfile profile() {
        Simulator.DriveProfileState state = simulator.driveProfile();
        DriveProfile.Builder profile = DriveProfile.newBuilder().setRepeat(state.profile().repeat())
                .setActiveSegment(state.activeSegment())
                .setActiveSegmentElapsedMs((int) state.activeSegmentElapsed().toMillis());
        for (var s : state.profile().segments()) {
            DriveSegment.Builder segment = DriveSegment.newBuilder().setDurationMs((int) s.duration().toMillis())
                    .setTargetSpeedKmh(s.speedKmh()).setGear(s.gear() == null ? "" : s.gear()).setCharging(s.charging());
            if (s.outsideCelsius() != null) {
                segment.setOutsideTemperatureCelsius(DoubleValue.of(s.outsideCelsius()));
            }
            profile.addSegments(segment);
        }
        return profile.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
