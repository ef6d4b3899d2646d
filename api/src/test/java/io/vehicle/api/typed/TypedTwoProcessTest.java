package io.vehicle.api.typed;

import io.vehicle.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.vehicle.api.doors.v1.DoorServiceProxy;
import io.vehicle.api.hvac.v1.HvacServiceProxy;
import io.vehicle.api.infotainment.v1.InfotainmentServiceProxy;
import io.vehicle.api.lights.v1.LightServiceProxy;
import io.vehicle.api.mirrors.v1.MirrorServiceProxy;
import io.vehicle.api.seats.v1.SeatServiceProxy;
import io.vehicle.api.state.v1.VehicleStateServiceProxy;
import io.vehicle.api.windows.v1.WindowServiceProxy;
import io.vehicle.api.windshield.v1.WindshieldServiceProxy;
import io.vehicle.idl.doors.v1.CentralLockRequest;
import io.vehicle.idl.doors.v1.DoorAjarWarning;
import io.vehicle.idl.doors.v1.DoorLocks;
import io.vehicle.idl.doors.v1.LockCommand;
import io.vehicle.idl.doors.v1.Trunk;
import io.vehicle.idl.hvac.v1.ClimateSettings;
import io.vehicle.idl.hvac.v1.DefrostCompleted;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureRequest;
import io.vehicle.idl.hvac.v1.SetZoneTemperatureResponse;
import io.vehicle.idl.hvac.v1.Zone;
import io.vehicle.idl.infotainment.v1.AudioSettings;
import io.vehicle.idl.infotainment.v1.BluetoothDevice;
import io.vehicle.idl.infotainment.v1.MediaAction;
import io.vehicle.idl.infotainment.v1.MediaControlRequest;
import io.vehicle.idl.infotainment.v1.MediaSource;
import io.vehicle.idl.infotainment.v1.NowPlaying;
import io.vehicle.idl.infotainment.v1.Playlist;
import io.vehicle.idl.infotainment.v1.SourceKind;
import io.vehicle.idl.infotainment.v1.Track;
import io.vehicle.idl.lights.v1.AmbientScene;
import io.vehicle.idl.lights.v1.InteriorLights;
import io.vehicle.idl.mirrors.v1.FoldRequest;
import io.vehicle.idl.mirrors.v1.MirrorState;
import io.vehicle.idl.seats.v1.DriverSeatPosition;
import io.vehicle.idl.seats.v1.RecallPresetRequest;
import io.vehicle.idl.seats.v1.SeatMemoryPreset;
import io.vehicle.idl.seats.v1.SeatMemoryPresets;
import io.vehicle.idl.seats.v1.StorePresetRequest;
import io.vehicle.idl.state.v1.DrivingState;
import io.vehicle.idl.state.v1.EnergyState;
import io.vehicle.idl.state.v1.Gear;
import io.vehicle.idl.state.v1.LowChargeWarning;
import io.vehicle.idl.windows.v1.PinchDetected;
import io.vehicle.idl.windows.v1.VentAllRequest;
import io.vehicle.idl.windows.v1.WindowPositions;
import io.vehicle.idl.windshield.v1.WashRequest;
import io.vehicle.idl.windshield.v1.WindshieldState;
import io.vehicle.idl.windshield.v1.WipingMode;
import io.vehicle.someip.sdk.binding.TransportPreference;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.testing.ToolProcess;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog service through its generated typed proxy in this JVM against the typed skeletons
 * of {@link CatalogEcus} in a second JVM ({@link TypedProviderMain}), found through SOME/IP-SD on
 * loopback (provider 127.0.0.1, consumer 127.0.0.3, a test-specific SD port). Each service runs
 * once with every call forced over UDP and once forced over TCP ({@link TransportPreference}):
 * a method, a field set and read back, the field's notifier, and the service's event where it has
 * one. Events and notifiers travel as deployed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TypedTwoProcessTest {

    private static final long WAIT_S = 10;
    private static ToolProcess provider;
    private static SomeIpNode consumer;

    @FunctionalInterface
    interface Scenario {
        void run(TransportPreference transport) throws Exception;
    }

    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("HvacService", TypedTwoProcessTest::hvac);
        SCENARIOS.put("SeatService", TypedTwoProcessTest::seats);
        SCENARIOS.put("WindowService", TypedTwoProcessTest::windows);
        SCENARIOS.put("DoorService", TypedTwoProcessTest::doors);
        SCENARIOS.put("LightService", TypedTwoProcessTest::lights);
        SCENARIOS.put("MirrorService", TypedTwoProcessTest::mirrors);
        SCENARIOS.put("InfotainmentService", TypedTwoProcessTest::infotainment);
        SCENARIOS.put("VehicleStateService", TypedTwoProcessTest::vehicleState);
        SCENARIOS.put("WindshieldService", TypedTwoProcessTest::windshield);
    }

    @BeforeAll
    static void startProvider() throws Exception {
        int sdPort = TestPorts.sdPort(0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        provider = ToolProcess.start(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dio.netty.leakDetection.level=paranoid", "-cp", System.getProperty("java.class.path"),
                TypedProviderMain.class.getName(), "127.0.0.1", Integer.toString(sdPort)), null);
        provider.awaitStdout(line -> line.startsWith(TypedProviderMain.READY), 30, "the provider's ready line");
        consumer = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.0.3").withSd(sdPort, SdTimings.fast()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        if (provider != null) {
            provider.stdin().close();
            int exit = provider.awaitExit(10);
            provider.close();
            assertThat(exit).as("provider exit code; transcript:%n%s", provider.transcript()).isZero();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(TransportPreference.UDP, TransportPreference.TCP)
                .flatMap(t -> SCENARIOS.keySet().stream().map(service -> Arguments.of(service, t)));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void typedServiceAcrossProcesses(String service, TransportPreference transport) throws Exception {
        SCENARIOS.get(service).run(transport);
    }

    // ------------------------------------------------------------------ scenarios

    static void hvac(TransportPreference transport) throws Exception {
        try (HvacServiceProxy hvac = new HvacServiceProxy(consumer).transport(transport)) {
            BlockingQueue<ClimateSettings> climate = new LinkedBlockingQueue<>();
            BlockingQueue<DefrostCompleted> defrost = new LinkedBlockingQueue<>();
            ready(hvac.whenAvailable(), hvac.subscribeClimateChanged(climate::add),
                    hvac.subscribeDefrostFinished(defrost::add));

            // Method: the zone knob stops at the signal's 28 °C.
            SetZoneTemperatureResponse zone = get(hvac.setZoneTemperature(SetZoneTemperatureRequest.newBuilder()
                    .setZone(Zone.ZONE_ROW2_PASSENGER).setCelsius(35).build()));
            assertThat(zone.getSetpoints().getRow2Passenger()).isEqualTo(28f);
            await(climate, c -> c.getSetpoints().getRow2Passenger() == 28f, "ClimateChanged with 28 °C rear right");

            // Field: set, read back, notified; turning the defroster on reports completion as an event.
            ClimateSettings off = get(hvac.setClimate(get(hvac.getClimate()).toBuilder().setFrontDefroster(false)
                    .setRow1DriverFanSpeed(65).build()));
            assertThat(off.getFrontDefroster()).isFalse();
            ClimateSettings wanted = off.toBuilder().setFrontDefroster(true).setRecirculation(true).build();
            assertThat(get(hvac.setClimate(wanted))).isEqualTo(wanted);
            assertThat(get(hvac.getClimate())).isEqualTo(wanted);
            await(climate, wanted::equals, "ClimateChanged with the value set");
            DefrostCompleted done = await(defrost, d -> true, "DefrostFinished");
            assertThat(done.getFront()).isTrue();
            assertThat(done.getDurationS()).isEqualTo(90);

            // The strict HVAC refuses a fan speed over 100 % (fits the UINT8 wire type) and keeps its value.
            assertThatThrownBy(() -> get(hvac.setClimate(wanted.toBuilder().setRow1DriverFanSpeed(150).build())))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("0x20");
            assertThat(get(hvac.getClimate()).getRow1DriverFanSpeed()).isEqualTo(65);
        }
    }

    static void seats(TransportPreference transport) throws Exception {
        try (SeatServiceProxy seats = new SeatServiceProxy(consumer).transport(transport)) {
            BlockingQueue<DriverSeatPosition> position = new LinkedBlockingQueue<>();
            BlockingQueue<SeatMemoryPresets> presets = new LinkedBlockingQueue<>();
            ready(seats.whenAvailable(), seats.subscribeDriverPositionChanged(position::add),
                    seats.subscribePresetsChanged(presets::add));

            // Field: positions clamp to the seat's travel (0..500 mm, -10..60 degrees).
            DriverSeatPosition applied = get(seats.setDriverPosition(DriverSeatPosition.newBuilder()
                    .setPositionMm(700).setHeightMm(55).setBackrestRecline(-25).build()));
            assertThat(applied).isEqualTo(DriverSeatPosition.newBuilder().setPositionMm(500).setHeightMm(55)
                    .setBackrestRecline(-10).build());
            assertThat(get(seats.getDriverPosition())).isEqualTo(applied);
            await(position, applied::equals, "DriverPositionChanged with the clamped position");

            // Methods: store the position (deployed over TCP), recall the factory preset.
            String name = "Sport \u2606 " + transport;
            SeatMemoryPresets stored = get(seats.storePreset(StorePresetRequest.newBuilder().setSlot(2)
                    .setName(name).build()));
            assertThat(stored.getPresetsList()).contains(SeatMemoryPreset.newBuilder().setSlot(2).setName(name)
                    .setPosition(applied).build());
            await(presets, p -> p.equals(stored), "PresetsChanged with slot 2");
            assertThat(get(seats.getPresets())).isEqualTo(stored);
            DriverSeatPosition recalled = get(seats.recallPreset(RecallPresetRequest.newBuilder().setSlot(1).build()));
            assertThat(recalled.getPositionMm()).isEqualTo(120);
            await(position, recalled::equals, "DriverPositionChanged after the recall");
            assertThatThrownBy(() -> get(seats.storePreset(StorePresetRequest.newBuilder().setSlot(9).build())))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("0x20");
        }
    }

    static void windows(TransportPreference transport) throws Exception {
        try (WindowServiceProxy windows = new WindowServiceProxy(consumer).transport(transport)) {
            BlockingQueue<WindowPositions> positions = new LinkedBlockingQueue<>();
            BlockingQueue<PinchDetected> pinch = new LinkedBlockingQueue<>();
            ready(windows.whenAvailable(), windows.subscribeWindowsChanged(positions::add),
                    windows.subscribePinchProtectionTriggered(pinch::add));

            // Method: every window moves to 30 %.
            WindowPositions vented = get(windows.ventAll(VentAllRequest.newBuilder().setPercent(30).build()));
            WindowPositions thirty = WindowPositions.newBuilder().setRow1Driver(30).setRow1Passenger(30)
                    .setRow2Driver(30).setRow2Passenger(30).build();
            assertThat(vented).isEqualTo(thirty);
            await(positions, thirty::equals, "WindowsChanged at 30 %");

            // Field: 150 % clamps to fully open; closing the rear right window trips the pinch protection.
            WindowPositions applied = get(windows.setWindows(WindowPositions.newBuilder().setRow1Driver(150)
                    .setRow1Passenger(0).setRow2Driver(55).setRow2Passenger(0).build()));
            WindowPositions expected = WindowPositions.newBuilder().setRow1Driver(100).setRow1Passenger(0)
                    .setRow2Driver(55).setRow2Passenger(CatalogEcus.WindowEcu.REVERSED_TO).build();
            assertThat(applied).isEqualTo(expected);
            assertThat(get(windows.getWindows())).isEqualTo(expected);
            await(positions, expected::equals, "WindowsChanged with the applied positions");
            assertThat(await(pinch, p -> true, "PinchProtectionTriggered").getWindow()).isEqualTo("row2_passenger");
        }
    }

    static void doors(TransportPreference transport) throws Exception {
        try (DoorServiceProxy doors = new DoorServiceProxy(consumer).transport(transport)) {
            BlockingQueue<DoorLocks> locks = new LinkedBlockingQueue<>();
            BlockingQueue<DoorAjarWarning> ajar = new LinkedBlockingQueue<>();
            ready(doors.whenAvailable(), doors.subscribeLocksChanged(locks::add), doors.subscribeDoorAjar(ajar::add));

            // Field: unlock everything, open and close the trunk.
            assertThat(get(doors.setLocks(DoorLocks.getDefaultInstance()))).isEqualTo(DoorLocks.getDefaultInstance());
            assertThat(get(doors.getLocks())).isEqualTo(DoorLocks.getDefaultInstance());
            await(locks, DoorLocks.getDefaultInstance()::equals, "LocksChanged, all unlocked");
            assertThat(get(doors.setTrunk(Trunk.newBuilder().setOpen(true).build())).getOpen()).isTrue();
            assertThat(get(doors.getTrunk()).getOpen()).isTrue();
            assertThat(get(doors.setTrunk(Trunk.getDefaultInstance())).getOpen()).isFalse();

            // Method: lock all; the open rear left door stays unlocked and raises the door-ajar warning.
            DoorLocks locked = get(doors.centralLock(CentralLockRequest.newBuilder()
                    .setCommand(LockCommand.LOCK_COMMAND_LOCK_ALL).build()));
            assertThat(locked).isEqualTo(DoorLocks.newBuilder().setRow1Driver(true).setRow1Passenger(true)
                    .setRow2Passenger(true).setTrunk(true).build());
            await(locks, locked::equals, "LocksChanged after central locking");
            assertThat(await(ajar, a -> true, "DoorAjar").getDoors().getRow2Driver()).isTrue();
            assertThatThrownBy(() -> get(doors.setTrunk(Trunk.newBuilder().setOpen(true).build())))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("0x20");
        }
    }

    static void lights(TransportPreference transport) throws Exception {
        try (LightServiceProxy lights = new LightServiceProxy(consumer).transport(transport)) {
            BlockingQueue<InteriorLights> interior = new LinkedBlockingQueue<>();
            ready(lights.whenAvailable(), lights.subscribeInteriorChanged(interior::add));

            InteriorLights reading = get(lights.applyScene(AmbientScene.newBuilder().setName("reading").build()));
            assertThat(reading.getAmbientIntensity()).isEqualTo(80);
            assertThat(reading.getAmbientColorList()).containsExactly(255, 240, 200);
            assertThat(reading.getRow1DriverReading()).isTrue();
            await(interior, reading::equals, "InteriorChanged with the reading scene");

            InteriorLights applied = get(lights.setInterior(InteriorLights.newBuilder()
                    .addAllAmbientColor(List.of(10, 20, 30)).setAmbientIntensity(150).setDome(true).build()));
            InteriorLights expected = InteriorLights.newBuilder().addAllAmbientColor(List.of(10, 20, 30))
                    .setAmbientIntensity(100).setDome(true).build();
            assertThat(applied).isEqualTo(expected);
            assertThat(get(lights.getInterior())).isEqualTo(expected);
            await(interior, expected::equals, "InteriorChanged with the clamped intensity");
            assertThatThrownBy(() -> get(lights.applyScene(AmbientScene.newBuilder().setName("disco").build())))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("0x20");
        }
    }

    static void mirrors(TransportPreference transport) throws Exception {
        try (MirrorServiceProxy mirrors = new MirrorServiceProxy(consumer).transport(transport)) {
            BlockingQueue<MirrorState> state = new LinkedBlockingQueue<>();
            ready(mirrors.whenAvailable(), mirrors.subscribeMirrorsChanged(state::add));

            MirrorState folded = get(mirrors.foldAll(FoldRequest.newBuilder().setFolded(true).build()));
            assertThat(folded.getDriverFolded()).isTrue();
            assertThat(folded.getPassengerFolded()).isTrue();
            await(state, folded::equals, "MirrorsChanged, folded");

            MirrorState wanted = MirrorState.newBuilder().setDriverHeating(true).setPassengerHeating(true).build();
            assertThat(get(mirrors.setMirrors(wanted))).isEqualTo(wanted);
            assertThat(get(mirrors.getMirrors())).isEqualTo(wanted);
            await(state, wanted::equals, "MirrorsChanged, unfolded and heating");
        }
    }

    static void infotainment(TransportPreference transport) throws Exception {
        try (InfotainmentServiceProxy info = new InfotainmentServiceProxy(consumer).transport(transport)) {
            BlockingQueue<AudioSettings> audio = new LinkedBlockingQueue<>();
            BlockingQueue<NowPlaying> playing = new LinkedBlockingQueue<>();
            ready(info.whenAvailable(), info.subscribeAudioChanged(audio::add),
                    info.subscribeNowPlayingChanged(playing::add));

            // Field: volume clamps to 100 %.
            AudioSettings applied = get(info.setAudio(AudioSettings.newBuilder().setVolume(130)
                    .setNavigationVolume(45).build()));
            assertThat(applied).isEqualTo(AudioSettings.newBuilder().setVolume(100).setNavigationVolume(45).build());
            assertThat(get(info.getAudio())).isEqualTo(applied);
            await(audio, applied::equals, "AudioChanged with the clamped volume");

            // A union and a UTF-16BE string survive the round trip.
            MediaSource phone = MediaSource.newBuilder().setKind(SourceKind.SOURCE_KIND_BLUETOOTH)
                    .setBluetooth(BluetoothDevice.newBuilder().setDeviceName("J\u00f6rg's \uD83D\uDCF1")
                            .setAddress(ByteString.copyFrom(new byte[] {0x00, 0x1A, 0x7D, (byte) 0xDA, 0x71, 0x13})))
                    .build();
            assertThat(get(info.setSource(phone))).isEqualTo(phone);
            assertThat(get(info.getSource())).isEqualTo(phone);

            // Method: the next track plays and is notified.
            String before = get(info.getNowPlaying()).getTitle();
            NowPlaying next = get(info.mediaControl(MediaControlRequest.newBuilder()
                    .setAction(MediaAction.MEDIA_ACTION_NEXT).build()));
            List<String> titles = CatalogEcus.InfotainmentEcu.TRACKS.stream().map(Track::getTitle).toList();
            assertThat(next.getTitle()).isIn(titles).isNotEqualTo(before);
            await(playing, next::equals, "NowPlayingChanged with the next track");
            Playlist playlist = get(info.getPlaylist());
            assertThat(playlist.getTracksList()).isEqualTo(CatalogEcus.InfotainmentEcu.TRACKS);
        }
    }

    static void vehicleState(TransportPreference transport) throws Exception {
        // Every signal of the service is read-only: the generated proxy has no setter to call.
        assertThat(Arrays.stream(VehicleStateServiceProxy.class.getMethods()).map(Method::getName)
                .filter(n -> n.startsWith("set"))).isEmpty();
        try (VehicleStateServiceProxy state = new VehicleStateServiceProxy(consumer).transport(transport)) {
            BlockingQueue<EnergyState> energy = new LinkedBlockingQueue<>();
            BlockingQueue<LowChargeWarning> low = new LinkedBlockingQueue<>();
            ready(state.whenAvailable(), state.subscribeEnergyChanged(energy::add), state.subscribeLowCharge(low::add));

            DrivingState driving = get(state.getDriving());
            assertThat(driving.getGear()).isEqualTo(Gear.GEAR_DRIVE);
            assertThat(driving.getSpeedKmh()).isEqualTo(48f);
            EnergyState now = get(state.getEnergy());
            assertThat(now.getStateOfCharge()).isBetween(0f, 100f);
            assertThat(now.getRangeM()).isEqualTo((int) (now.getStateOfCharge() * 4_000));
            // The simulated drive discharges: the notifier shows a charge below what was just read, or charging.
            await(energy, e -> e.getCharging() || e.getStateOfCharge() < now.getStateOfCharge(), "EnergyChanged");
            LowChargeWarning warning = await(low, w -> true, "LowCharge");
            assertThat(warning.getStateOfCharge()).isLessThan(CatalogEcus.VehicleStateEcu.LOW);
            assertThat(warning.getRangeM()).isEqualTo((int) (warning.getStateOfCharge() * 4_000));
        }
    }

    static void windshield(TransportPreference transport) throws Exception {
        try (WindshieldServiceProxy windshield = new WindshieldServiceProxy(consumer).transport(transport)) {
            BlockingQueue<WindshieldState> state = new LinkedBlockingQueue<>();
            ready(windshield.whenAvailable(), windshield.subscribeWindshieldChanged(state::add));

            // Field: the washer fluid level is read-only; the ECU keeps its own.
            int level = get(windshield.getWindshield()).getWasherFluidLevel();
            WindshieldState applied = get(windshield.setWindshield(WindshieldState.newBuilder()
                    .setWipingMode(WipingMode.WIPING_MODE_FAST).setHeating(true).setWasherFluidLevel(100).build()));
            WindshieldState expected = WindshieldState.newBuilder().setWipingMode(WipingMode.WIPING_MODE_FAST)
                    .setHeating(true).setWasherFluidLevel(level).build();
            assertThat(applied).isEqualTo(expected);
            assertThat(get(windshield.getWindshield())).isEqualTo(expected);
            await(state, expected::equals, "WindshieldChanged with the value set");

            // Fire-and-forget method: three wash cycles use 6 % of the fluid, seen through the notifier.
            get(windshield.wash(WashRequest.newBuilder().setCycles(3).build())); // written
            WindshieldState washed = await(state, s -> s.getWasherFluidLevel() != level, "WindshieldChanged after washing");
            assertThat(washed.getWasherFluidLevel()).isEqualTo(level - 6);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Waits for SD to find the service and for the provider to acknowledge every subscription. */
    private static void ready(Future<RemoteService> found, Subscription... subscriptions) throws Exception {
        found.get(WAIT_S, TimeUnit.SECONDS);
        for (Subscription subscription : subscriptions) {
            subscription.acknowledged().get(WAIT_S, TimeUnit.SECONDS);
        }
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_S, TimeUnit.SECONDS);
    }

    /** The first element that matches, skipping older ones; fails after the timeout. */
    private static <T> T await(BlockingQueue<T> queue, Predicate<T> matcher, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (true) {
            long left = deadline - System.nanoTime();
            T next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no " + what + " within " + WAIT_S + " s");
            }
            if (matcher.test(next)) {
                return next;
            }
        }
    }
}
