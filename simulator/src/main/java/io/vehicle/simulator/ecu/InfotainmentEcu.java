package io.vehicle.simulator.ecu;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.vehicle.api.infotainment.v1.InfotainmentServiceSkeleton;
import io.vehicle.idl.infotainment.v1.AudioSettings;
import io.vehicle.idl.infotainment.v1.BluetoothDevice;
import io.vehicle.idl.infotainment.v1.DisplaySettings;
import io.vehicle.idl.infotainment.v1.FmStation;
import io.vehicle.idl.infotainment.v1.MediaControlRequest;
import io.vehicle.idl.infotainment.v1.MediaSource;
import io.vehicle.idl.infotainment.v1.NowPlaying;
import io.vehicle.idl.infotainment.v1.Playlist;
import io.vehicle.idl.infotainment.v1.SourceKind;
import io.vehicle.idl.infotainment.v1.StreamingService;
import io.vehicle.idl.infotainment.v1.Track;
import io.vehicle.simulator.plant.PlantValues.Source;
import io.vehicle.simulator.plant.VssPaths;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.SomeIpNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The head unit's media service: volume, display, and a small player. FM plays the radio; Bluetooth
 * (a connected phone) and Internet play a five-track playlist whose elapsed time runs on the ECU's
 * clock; no USB medium is connected, so choosing USB is refused.
 */
public final class InfotainmentEcu extends InfotainmentServiceSkeleton implements VirtualService {

    static final String ALBUM = "Open Roads";
    static final Playlist PLAYLIST = Playlist.newBuilder().addAllTracks(List.of(
            track("Blue Highway", "The Night Drivers", 214), track("Cabin Lights", "The Night Drivers", 187),
            track("Tunnel Echo", "Mira Sol", 243), track("Rain on Glass", "Mira Sol", 201),
            track("Last Exit", "Kilometre Zero", 176))).build();

    private final ServiceSignals signals;
    private boolean playing = true;
    private int index;
    private long elapsedNanos;

    public InfotainmentEcu(SomeIpNode node, int instanceId, ServiceWiring wiring) {
        super(node, instanceId, wiring.simulation());
        this.signals = wiring.signals(descriptor());
        signals.errors().require("OUT_OF_RANGE", "INVALID_VALUE", "POWER_OFF", "SOURCE_UNAVAILABLE");
        signals.publish(true);
        updateSource(withDetails(signals.build("Source", source())));
    }

    private static Track track(String title, String artist, int seconds) {
        return Track.newBuilder().setTitle(title).setArtist(artist).setDurationS(seconds).build();
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
    protected CompletionStage<AudioSettings> onSetAudio(AudioSettings requested) {
        return signals.set("Audio", requested, this::audio, true);
    }

    @Override
    protected CompletionStage<DisplaySettings> onSetDisplay(DisplaySettings requested) {
        return signals.set("Display", requested, this::display, true);
    }

    @Override
    protected CompletionStage<MediaSource> onSetSource(MediaSource requested) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            signals.check("Source", requested);
            switch (requested.getKind()) {
                case SOURCE_KIND_USB -> throw signals.refuse("SOURCE_UNAVAILABLE", "no USB medium is connected");
                case SOURCE_KIND_FM, SOURCE_KIND_BLUETOOTH, SOURCE_KIND_INTERNET -> {
                }
                default -> throw signals.refuse("INVALID_VALUE", "source " + requested.getKind() + " cannot be selected");
            }
            signals.apply("Source", requested);
            index = 0;
            elapsedNanos = 0;
            playing = true;
            showNowPlaying();
            return withDetails(signals.build("Source", source()));
        });
    }

    @Override
    protected CompletionStage<NowPlaying> mediaControl(MediaControlRequest request) {
        return signals.onSimulation(() -> {
            signals.requirePower();
            boolean radio = kind() == SourceKind.SOURCE_KIND_FM;
            switch (request.getAction()) {
                case MEDIA_ACTION_PLAY -> playing = true;
                case MEDIA_ACTION_PAUSE -> playing = false;
                case MEDIA_ACTION_NEXT -> skip(radio ? 0 : 1);
                case MEDIA_ACTION_PREVIOUS -> skip(radio ? 0 : -1);
                default -> throw signals.refuse("INVALID_VALUE", "media action " + request.getAction());
            }
            showNowPlaying();
            return nowPlaying();
        });
    }

    @Override
    protected CompletionStage<Playlist> getPlaylist(Empty request) {
        return CompletableFuture.completedFuture(PLAYLIST);
    }

    @Override
    public void step(long localNanos) {
        if (!playing || kind() == SourceKind.SOURCE_KIND_FM) {
            return;
        }
        long before = elapsedNanos / 1_000_000_000L;
        elapsedNanos += localNanos;
        long duration = PLAYLIST.getTracks(index).getDurationS() * 1_000_000_000L;
        if (elapsedNanos >= duration) {
            elapsedNanos -= duration;
            index = (index + 1) % PLAYLIST.getTracksCount();
            showNowPlaying();
        } else if (elapsedNanos / 1_000_000_000L != before) {
            updateNowPlaying(nowPlaying().toBuilder().setElapsedS((int) (elapsedNanos / 1_000_000_000L)).build());
        }
    }

    private SourceKind kind() {
        return SourceKind.valueOf("SOURCE_KIND_" + signals.values().text(VssPaths.MEDIA_SOURCE));
    }

    private void skip(int by) {
        index = Math.floorMod(index + by, PLAYLIST.getTracksCount());
        elapsedNanos = 0;
    }

    /** Writes the current track into the plant values and publishes NowPlaying with its elapsed time. */
    private void showNowPlaying() {
        if (kind() == SourceKind.SOURCE_KIND_FM) {
            signals.values().write(VssPaths.TRACK, "Morning Show", Source.PLANT);
            signals.values().write(VssPaths.ARTIST, "Radio Eins", Source.PLANT);
            signals.values().write(VssPaths.ALBUM, "", Source.PLANT);
        } else {
            Track track = PLAYLIST.getTracks(index);
            signals.values().write(VssPaths.TRACK, track.getTitle(), Source.PLANT);
            signals.values().write(VssPaths.ARTIST, track.getArtist(), Source.PLANT);
            signals.values().write(VssPaths.ALBUM, ALBUM, Source.PLANT);
        }
        updateNowPlaying(signals.build("NowPlaying", nowPlaying()).toBuilder()
                .setElapsedS((int) (elapsedNanos / 1_000_000_000L)).build());
    }

    private static MediaSource withDetails(MediaSource source) {
        MediaSource.Builder builder = source.toBuilder();
        switch (source.getKind()) {
            case SOURCE_KIND_FM -> builder.setFm(FmStation.newBuilder().setFrequencyKhz(95_800).setName("Radio Eins"));
            case SOURCE_KIND_BLUETOOTH -> builder.setBluetooth(BluetoothDevice.newBuilder().setDeviceName("Pixel 8")
                    .setAddress(ByteString.copyFrom(new byte[] {0x02, 0x1A, 0x7B, 0x30, 0x44, 0x55})));
            case SOURCE_KIND_INTERNET -> builder.setStreaming(StreamingService.newBuilder().setProvider("Stream")
                    .setPlaylistUri("playlist://open-roads"));
            default -> builder.clearDetails();
        }
        return builder.build();
    }
}
