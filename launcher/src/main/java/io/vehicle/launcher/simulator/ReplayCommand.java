package io.vehicle.launcher.simulator;

import io.vehicle.simulator.replay.Capture;
import io.vehicle.simulator.replay.Replayer;
import io.vehicle.someip.sd.SdConfig;
import io.vehicle.someip.sd.SdTimings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vehicle simulator replay}: stands in for the ECUs of a capture until stopped. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays what the ECUs of a capture (pcap or pcapng) did, until stopped.",
                "Their offers, their notifications re-timed, their requests answered from the capture where",
                "possible. Stops cleanly (StopOffer) on Ctrl-C or SIGTERM."})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CAPTURE", description = "The capture file.")
    Path capture;

    @Option(names = "--sd-port", defaultValue = "" + SdConfig.DEFAULT_PORT, description = "SOME/IP-SD port (default ${DEFAULT-VALUE}).")
    int sdPort;

    @Option(names = "--speed", defaultValue = "1", description = "Replay speed (2: twice as fast; default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--loop", description = "Start the notifications again after the last one.")
    boolean loop;

    @Option(names = "--fast-sd", description = "Fast SD timings (first offer within 10 ms).")
    boolean fastSd;

    @Option(names = "--map", split = ",", paramLabel = "CAPTURED=LOCAL",
            description = "Replay a captured address on a loopback address, e.g. 192.168.1.10=127.0.20.1.")
    List<String> map;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (!(speed > 0)) {
            System.err.println("replay: --speed must be above 0");
            return 2;
        }
        Capture read;
        try {
            read = Capture.read(capture);
        } catch (IOException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        if (read.offers().isEmpty()) {
            System.err.println("replay: " + capture + " holds no SOME/IP-SD OfferService: nothing to stand in for");
            return 2;
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        if (map != null) {
            for (String pair : map) {
                String[] parts = pair.split("=", 2);
                if (parts.length != 2) {
                    System.err.println("replay: --map takes CAPTURED=LOCAL, not " + pair);
                    return 2;
                }
                addresses.put(parts[0], parts[1]);
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Replayer replayer = Replayer.start(read, new Replayer.Options(sdPort,
                fastSd ? SdTimings.fast() : SdTimings.defaults(), speed, loop, addresses))) {
            for (Replayer.Served s : replayer.served()) {
                out.printf("%s service 0x%04X instance 0x%04X v%d: %d notifications, %d captured answers%n",
                        s.address(), s.serviceId(), s.instanceId(), s.majorVersion(), s.notifications(), s.answers());
            }
            replayer.play();
            out.printf("replaying %d notifications at %.1fx%s; stop with Ctrl-C%n", replayer.timelineLength(), speed,
                    loop ? " in a loop" : "");
            out.flush();
            stop.await();
        } finally {
            out.println("stopped: StopOffer sent");
            stopped.countDown();
        }
        return 0;
    }
}
