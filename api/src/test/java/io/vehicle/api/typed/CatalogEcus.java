package io.vehicle.api.typed;

import com.google.protobuf.Empty;
import io.vehicle.api.doors.v1.DoorServiceSkeleton;
import io.vehicle.api.hvac.v1.HvacServiceSkeleton;
import io.vehicle.api.infotainment.v1.InfotainmentServiceSkeleton;
import io.vehicle.api.lights.v1.LightServiceSkeleton;
import io.vehicle.api.mirrors.v1.MirrorServiceSkeleton;
import io.vehicle.api.seats.v1.SeatServiceSkeleton;
import io.vehicle.api.state.v1.VehicleStateServiceSkeleton;
import io.vehicle.api.windows.v1.WindowServiceSkeleton;
import io.vehicle.api.windshield.v1.WindshieldServiceSkeleton;
import io.vehicle.idl.doors.v1.CentralLockRequest;
import io.vehicle.idl.doors.v1.DoorAjarWarning;
import io.vehicle.idl.doors.v1.DoorLocks;
import io.vehicle.idl.doors.v1.DoorsOpen;
import io.vehicle.idl.doors.v1.Trunk;
import io.vehicle.idl.hvac.v1.CabinTemperature;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.DefrostCompleted;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.idl.hvac.v1.ZoneSetpoints;
import io.vehicle.idl.infotainment.v1.AudioSettings;
import io.vehicle.idl.infotainment.v1.DisplaySettings;
import io.vehicle.idl.infotainment.v1.FmStation;
import io.vehicle.idl.infotainment.v1.MediaControlRequest;
import io.vehicle.idl.infotainment.v1.MediaSource;
import io.vehicle.idl.infotainment.v1.NowPlaying;
import io.vehicle.idl.infotainment.v1.Playlist;
import io.vehicle.idl.infotainment.v1.SourceKind;
import io.vehicle.idl.infotainment.v1.Track;
import io.vehicle.idl.lights.v1.AmbientScene;
import io.vehicle.idl.lights.v1.ExteriorLights;
import io.vehicle.idl.lights.v1.InteriorLights;
import io.vehicle.idl.lights.v1.LightSwitch;
import io.vehicle.idl.mirrors.v1.FoldRequest;
import io.vehicle.idl.mirrors.v1.MirrorState;
import io.vehicle.idl.seats.v1.DriverSeatPosition;
import io.vehicle.idl.seats.v1.RecallPresetRequest;
import io.vehicle.idl.seats.v1.SeatClimate;
import io.vehicle.idl.seats.v1.SeatMemoryPreset;
import io.vehicle.idl.seats.v1.SeatMemoryPresets;
import io.vehicle.idl.seats.v1.StorePresetRequest;
import io.vehicle.idl.state.v1.DrivingState;
import io.vehicle.idl.state.v1.EnergyState;
import io.vehicle.idl.state.v1.Environment;
import io.vehicle.idl.state.v1.Gear;
import io.vehicle.idl.state.v1.LowChargeWarning;
import io.vehicle.idl.state.v1.PowerState;
import io.vehicle.idl.windows.v1.PinchDetected;
import io.vehicle.idl.windows.v1.SunroofState;
import io.vehicle.idl.windows.v1.VentAllRequest;
import io.vehicle.idl.windows.v1.WindowPositions;
import io.vehicle.idl.windshield.v1.WashRequest;
import io.vehicle.idl.windshield.v1.WindshieldState;
import io.vehicle.idl.windshield.v1.WipingMode;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.runtime.SomeIpErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Small but behaving implementations of the nine catalog services on their generated typed
 * skeletons, as a provider ECU would write them. Setters clamp (or, for the HVAC, refuse) values
 * outside the signal ranges of the IDL and never let a consumer write a read-only signal.
 */
final class CatalogEcus {

    /** Service-specific return code (feat_req_someip_371: 0x20..0x5E) for a refused request. */
    static final int E_REFUSED = 0x20;

    private CatalogEcus() {
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private static <T> CompletableFuture<T> refuse(String why) {
        return CompletableFuture.failedFuture(new SomeIpErrorException(E_REFUSED, why));
    }

    /** Creates and offers all nine services on {@code node}; close the returned resources to stop. */
    static List<AutoCloseable> offerAll(SomeIpNode node) {
        List<AutoCloseable> all = new ArrayList<>();
        HvacEcu hvac = new HvacEcu(node);
        SeatEcu seats = new SeatEcu(node);
        WindowEcu windows = new WindowEcu(node);
        DoorEcu doors = new DoorEcu(node);
        LightEcu lights = new LightEcu(node);
        MirrorEcu mirrors = new MirrorEcu(node);
        InfotainmentEcu infotainment = new InfotainmentEcu(node);
        VehicleStateEcu state = new VehicleStateEcu(node);
        WindshieldEcu windshield = new WindshieldEcu(node);
        all.addAll(List.of(hvac, seats, windows, doors, lights, mirrors, infotainment, state, windshield));
        hvac.offer();
        seats.offer();
        windows.offer();
        doors.offer();
        lights.offer();
        mirrors.offer();
        infotainment.offer();
        state.offer();
        windshield.offer();
        state.startDriving();
        return all;
    }

    /** Climate: strict, refuses out-of-range setpoints and fan speeds; a defrost request reports completion. */
    static final class HvacEcu extends HvacServiceSkeleton {
        HvacEcu(SomeIpNode node) {
            super(node);
            updateClimate(ClimateSettings.newBuilder().setSetpoints(ZoneSetpoints.newBuilder().setRow1Driver(21)
                    .setRow1Passenger(21).setRow2Driver(21).setRow2Passenger(21)).setRow1DriverFanSpeed(30)
                    .setAutoMode(true).build());
            updateCabinTemperature(CabinTemperature.newBuilder().setCelsius(19.5f).build());
        }

        @Override
        protected CompletionStage<SetZoneTemperatureResponse> setZoneTemperature(SetZoneTemperatureRequest request) {
            ClimateSettings current = climate();
            ZoneSetpoints.Builder setpoints = current.getSetpoints().toBuilder();
            switch (request.getZone()) {
                case ZONE_ROW1_DRIVER -> setpoints.setRow1Driver(request.getCelsius());
                case ZONE_ROW1_PASSENGER -> setpoints.setRow1Passenger(request.getCelsius());
                case ZONE_ROW2_DRIVER -> setpoints.setRow2Driver(request.getCelsius());
                case ZONE_ROW2_PASSENGER -> setpoints.setRow2Passenger(request.getCelsius());
                default -> {
                    return refuse("no zone " + request.getZone());
                }
            }
            // The method clamps (a knob turned too far stops at the end); the field setter refuses.
            ZoneSetpoints clamped = SignalLimits.clamp(setpoints.build());
            updateClimate(current.toBuilder().setSetpoints(clamped).build());
            return done(SetZoneTemperatureResponse.newBuilder().setSetpoints(clamped).build());
        }

        @Override
        protected CompletionStage<ClimateSettings> onSetClimate(ClimateSettings requested) {
            List<String> wrong = SignalLimits.outOfRange(requested);
            if (!wrong.isEmpty()) {
                return refuse("out of range: " + wrong);
            }
            if (requested.getFrontDefroster() && !climate().getFrontDefroster()) {
                // The simulated windshield clears at once; the event follows the setter's notification.
                CompletableFuture.runAsync(() -> publishDefrostFinished(
                        DefrostCompleted.newBuilder().setFront(true).setDurationS(90).build()));
            }
            return done(requested);
        }
    }

    /** Seats: positions clamp to the seat's travel; three memory slots. */
    static final class SeatEcu extends SeatServiceSkeleton {
        static final int SLOTS = 3;

        SeatEcu(SomeIpNode node) {
            super(node);
            updateDriverPosition(DriverSeatPosition.newBuilder().setPositionMm(250).setHeightMm(40)
                    .setBackrestRecline(20).build());
            updatePresets(SeatMemoryPresets.newBuilder().addPresets(SeatMemoryPreset.newBuilder().setSlot(1)
                    .setName("Анна").setPosition(DriverSeatPosition.newBuilder().setPositionMm(120).setHeightMm(80)
                            .setBackrestRecline(12))).build());
        }

        @Override
        protected CompletionStage<DriverSeatPosition> recallPreset(RecallPresetRequest request) {
            for (SeatMemoryPreset preset : presets().getPresetsList()) {
                if (preset.getSlot() == request.getSlot()) {
                    updateDriverPosition(preset.getPosition());
                    return done(preset.getPosition());
                }
            }
            return refuse("slot " + request.getSlot() + " is empty");
        }

        @Override
        protected CompletionStage<SeatMemoryPresets> storePreset(StorePresetRequest request) {
            if (request.getSlot() < 1 || request.getSlot() > SLOTS) {
                return refuse("no slot " + request.getSlot());
            }
            SeatMemoryPresets.Builder presets = SeatMemoryPresets.newBuilder();
            presets().getPresetsList().stream().filter(p -> p.getSlot() != request.getSlot())
                    .forEach(presets::addPresets);
            presets.addPresets(SeatMemoryPreset.newBuilder().setSlot(request.getSlot()).setName(request.getName())
                    .setPosition(driverPosition()));
            updatePresets(presets.build());
            return done(presets());
        }

        @Override
        protected CompletionStage<SeatClimate> onSetClimate(SeatClimate requested) {
            return done(SignalLimits.clamp(requested));
        }

        @Override
        protected CompletionStage<DriverSeatPosition> onSetDriverPosition(DriverSeatPosition requested) {
            return done(SignalLimits.clamp(requested));
        }
    }

    /**
     * Windows move to the requested position (clamped to 0..100 %). An obstacle sits in the rear
     * right window: closing it below 10 % trips the pinch protection, which reverses it to 20 %.
     */
    static final class WindowEcu extends WindowServiceSkeleton {
        static final int PINCH_BELOW = 10;
        static final int REVERSED_TO = 20;

        WindowEcu(SomeIpNode node) {
            super(node);
        }

        @Override
        protected CompletionStage<WindowPositions> ventAll(VentAllRequest request) {
            int percent = Math.min(100, request.getPercent());
            WindowPositions moved = pinchProtect(WindowPositions.newBuilder().setRow1Driver(percent)
                    .setRow1Passenger(percent).setRow2Driver(percent).setRow2Passenger(percent).build());
            updateWindows(moved);
            return done(moved);
        }

        @Override
        protected CompletionStage<WindowPositions> onSetWindows(WindowPositions requested) {
            return done(pinchProtect(SignalLimits.clamp(requested)));
        }

        private WindowPositions pinchProtect(WindowPositions target) {
            if (target.getRow2Passenger() < PINCH_BELOW && windows().getRow2Passenger() >= PINCH_BELOW) {
                publishPinchProtectionTriggered(PinchDetected.newBuilder().setWindow("row2_passenger").build());
                return target.toBuilder().setRow2Passenger(REVERSED_TO).build();
            }
            return target;
        }

        @Override
        protected CompletionStage<SunroofState> onSetSunroof(SunroofState requested) {
            return done(SignalLimits.clamp(requested));
        }
    }

    /** Doors: the rear left door stands open; it cannot lock, and locking warns about it. */
    static final class DoorEcu extends DoorServiceSkeleton {
        DoorEcu(SomeIpNode node) {
            super(node);
            updateOpen(DoorsOpen.newBuilder().setRow2Driver(true).build());
            updateTrunk(Trunk.newBuilder().build());
        }

        @Override
        protected CompletionStage<DoorLocks> centralLock(CentralLockRequest request) {
            DoorLocks locks = switch (request.getCommand()) {
                case LOCK_COMMAND_LOCK_ALL -> DoorLocks.newBuilder().setRow1Driver(true).setRow1Passenger(true)
                        .setRow2Driver(true).setRow2Passenger(true).setTrunk(true).build();
                case LOCK_COMMAND_UNLOCK_ALL -> DoorLocks.getDefaultInstance();
                case LOCK_COMMAND_UNLOCK_DRIVER -> locks().toBuilder().setRow1Driver(false).build();
                default -> null;
            };
            if (locks == null) {
                return refuse("unknown command " + request.getCommand());
            }
            DoorLocks applied = apply(locks);
            updateLocks(applied);
            return done(applied);
        }

        @Override
        protected CompletionStage<DoorLocks> onSetLocks(DoorLocks requested) {
            return done(apply(requested));
        }

        private DoorLocks apply(DoorLocks requested) {
            DoorsOpen open = open();
            DoorLocks possible = requested.toBuilder().setRow1Driver(requested.getRow1Driver() && !open.getRow1Driver())
                    .setRow1Passenger(requested.getRow1Passenger() && !open.getRow1Passenger())
                    .setRow2Driver(requested.getRow2Driver() && !open.getRow2Driver())
                    .setRow2Passenger(requested.getRow2Passenger() && !open.getRow2Passenger()).build();
            if (!possible.equals(requested)) {
                publishDoorAjar(DoorAjarWarning.newBuilder().setDoors(open).build());
            }
            return possible;
        }

        @Override
        protected CompletionStage<Trunk> onSetTrunk(Trunk requested) {
            if (requested.getOpen() && locks().getTrunk()) {
                return refuse("trunk is locked");
            }
            return done(requested);
        }
    }

    /** Lights: scenes set the ambient light; brightness clamps to 0..100 %. */
    static final class LightEcu extends LightServiceSkeleton {
        LightEcu(SomeIpNode node) {
            super(node);
            updateInterior(InteriorLights.newBuilder().addAllAmbientColor(List.of(255, 255, 255))
                    .setAmbientIntensity(30).build());
            updateExterior(ExteriorLights.newBuilder().setLightSwitch(LightSwitch.LIGHT_SWITCH_AUTO).build());
        }

        @Override
        protected CompletionStage<InteriorLights> applyScene(AmbientScene request) {
            InteriorLights scene = switch (request.getName()) {
                case "reading" -> interior().toBuilder().clearAmbientColor().addAllAmbientColor(List.of(255, 240, 200))
                        .setAmbientIntensity(80).setRow1DriverReading(true).setRow1PassengerReading(true).build();
                case "night" -> interior().toBuilder().clearAmbientColor().addAllAmbientColor(List.of(0, 0, 120))
                        .setAmbientIntensity(10).setDome(false).build();
                default -> null;
            };
            if (scene == null) {
                return refuse("no scene " + request.getName());
            }
            updateInterior(scene);
            return done(scene);
        }

        @Override
        protected CompletionStage<InteriorLights> onSetInterior(InteriorLights requested) {
            return done(SignalLimits.clamp(requested));
        }
    }

    /** Mirrors fold together on request; heating is set per side. */
    static final class MirrorEcu extends MirrorServiceSkeleton {
        MirrorEcu(SomeIpNode node) {
            super(node);
        }

        @Override
        protected CompletionStage<MirrorState> foldAll(FoldRequest request) {
            MirrorState state = mirrors().toBuilder().setDriverFolded(request.getFolded())
                    .setPassengerFolded(request.getFolded()).build();
            updateMirrors(state);
            return done(state);
        }
    }

    /** Infotainment: a three-track playlist, volume clamps, now-playing is read-only. */
    static final class InfotainmentEcu extends InfotainmentServiceSkeleton {
        static final List<Track> TRACKS = List.of(
                Track.newBuilder().setTitle("Nightcall").setArtist("Kavinsky").setDurationS(258).build(),
                Track.newBuilder().setTitle("Autobahn").setArtist("Kraftwerk").setDurationS(1358).build(),
                Track.newBuilder().setTitle("Déjà vu").setArtist("Ünsal & 小林").setDurationS(201).build());
        private int track;

        InfotainmentEcu(SomeIpNode node) {
            super(node);
            updateAudio(AudioSettings.newBuilder().setVolume(25).setNavigationVolume(40).build());
            updateSource(MediaSource.newBuilder().setKind(SourceKind.SOURCE_KIND_FM)
                    .setFm(FmStation.newBuilder().setFrequencyKhz(101_300).setName("Radio 1")).build());
            updateDisplay(DisplaySettings.newBuilder().setBrightness(70).build());
            updateNowPlaying(nowPlaying(0));
        }

        private static NowPlaying nowPlaying(int index) {
            Track t = TRACKS.get(index);
            return NowPlaying.newBuilder().setTitle(t.getTitle()).setArtist(t.getArtist()).setAlbum("Drive").build();
        }

        @Override
        protected synchronized CompletionStage<NowPlaying> mediaControl(MediaControlRequest request) {
            switch (request.getAction()) {
                case MEDIA_ACTION_NEXT -> track = (track + 1) % TRACKS.size();
                case MEDIA_ACTION_PREVIOUS -> track = (track + TRACKS.size() - 1) % TRACKS.size();
                case MEDIA_ACTION_PLAY, MEDIA_ACTION_PAUSE -> {
                }
                default -> {
                    return refuse("unknown action " + request.getAction());
                }
            }
            updateNowPlaying(nowPlaying(track));
            return done(nowPlaying());
        }

        @Override
        protected CompletionStage<Playlist> getPlaylist(Empty request) {
            return done(Playlist.newBuilder().addAllTracks(TRACKS).build());
        }

        @Override
        protected CompletionStage<AudioSettings> onSetAudio(AudioSettings requested) {
            return done(SignalLimits.clamp(requested));
        }

        @Override
        protected CompletionStage<DisplaySettings> onSetDisplay(DisplaySettings requested) {
            return done(SignalLimits.clamp(requested));
        }
    }

    /**
     * Vehicle state, all read-only: a simulated drive drains the battery from 24 % and charges it
     * back at 14 %, over and over; below 20 % every tick raises the low-charge warning.
     */
    static final class VehicleStateEcu extends VehicleStateServiceSkeleton {
        static final float LOW = 20;
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drive-simulation");
            t.setDaemon(true);
            return t;
        });
        private float soc = 24;
        private boolean charging;

        VehicleStateEcu(SomeIpNode node) {
            super(node);
            updateDriving(DrivingState.newBuilder().setSpeedKmh(48).setGear(Gear.GEAR_DRIVE)
                    .setPowerState(PowerState.POWER_STATE_ON).setDriverSeatOccupied(true).build());
            updateEnvironment(Environment.newBuilder().setOutsideTemperature(7.5f).setOdometerM(12_345_678)
                    .setLatitude(48.137).setLongitude(11.575).build());
            updateEnergy(energy(soc, false));
        }

        private static EnergyState energy(float soc, boolean charging) {
            return EnergyState.newBuilder().setStateOfCharge(soc).setRangeM((int) (soc * 4_000))
                    .setCharging(charging).build();
        }

        void startDriving() {
            clock.scheduleAtFixedRate(this::tick, 50, 50, TimeUnit.MILLISECONDS);
        }

        private void tick() {
            charging = charging ? soc < 24 : soc <= 14;
            soc += charging ? 2 : -1;
            EnergyState energy = energy(soc, charging);
            updateEnergy(energy);
            if (soc < LOW && !charging) {
                publishLowCharge(LowChargeWarning.newBuilder().setStateOfCharge(soc).setRangeM(energy.getRangeM())
                        .build());
            }
        }

        @Override
        public void close() {
            clock.shutdownNow();
            super.close();
        }
    }

    /** Wipers and washer: a wash (fire and forget) uses 2 % of the washer fluid per cycle. */
    static final class WindshieldEcu extends WindshieldServiceSkeleton {
        WindshieldEcu(SomeIpNode node) {
            super(node);
            updateWindshield(WindshieldState.newBuilder().setWipingMode(WipingMode.WIPING_MODE_OFF)
                    .setWasherFluidLevel(80).build());
        }

        @Override
        protected synchronized void wash(WashRequest request) {
            WindshieldState current = windshield();
            int level = Math.max(0, current.getWasherFluidLevel() - 2 * Math.min(10, request.getCycles()));
            updateWindshield(current.toBuilder().setWasherFluidLevel(level).build());
        }

        @Override
        protected synchronized CompletionStage<WindshieldState> onSetWindshield(WindshieldState requested) {
            return done(SignalLimits.keepReadOnly(windshield(), requested));
        }
    }
}
