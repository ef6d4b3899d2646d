package io.vehicle.launcher.simulator;

import io.vehicle.launcher.process.ChildJvm;
import io.vehicle.simulator.EcuStatus;
import io.vehicle.simulator.Simulator;
import io.vehicle.simulator.config.SimulatorConfig;
import io.vehicle.simulator.control.ControlServer;
import io.vehicle.simulator.pcap.PcapRecorder;
import io.vehicle.simulator.plant.SimulatedDuration;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vehicle simulator}: the whole virtual car (or the ECUs of a file) until stopped. SIGTERM and
 * Ctrl-C stop every ECU cleanly, with StopOffer. A file that spreads the ECUs over several processes
 * starts one child process per process name.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = {"Runs the virtual ECUs of a configuration (default: the whole car on 127.0.10.1-5) until "
                + "stopped, with the control API for benches on 127.0.0.1:55556.",
                "SIGTERM or Ctrl-C stops every ECU cleanly (StopOffer)."},
        subcommands = {ScenarioRunCommand.class, ReplayCommand.class, FaultCommand.class, SimulatorBenchCommand.class})
public final class SimulatorCommand implements Callable<Integer> {

    @Mixin
    SimulatorOptions simulator = new SimulatorOptions();

    @Option(names = "--rate", description = "Simulated seconds per real second, or max (default: the file's, else 1).")
    String rate;

    @Option(names = "--control-port", description = "Port of the gRPC control API (0: any free port; default 55556).")
    Integer controlPort;

    @Option(names = "--no-control", description = "Do not serve the control API.")
    boolean noControl;

    @Option(names = "--process", description = "Run only the ECUs of this process of the file.")
    String process;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "Stop after this much simulated time (e.g. 30s, 10m) instead of waiting to be stopped.")
    String duration;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Record every SOME/IP and SD packet to a pcap file.")
    Path pcap;

    @Option(names = "--progress-interval", defaultValue = "10",
            description = "Seconds between progress lines (default ${DEFAULT-VALUE}; 0: none).")
    int progressSeconds;

    @Option(names = "--change-every-signal",
            description = "Force every signal of every field to a new in-range value at each clock step, so every "
                    + "field is notified each step (the load of `simulator bench`).")
    boolean changeEverySignal;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        SimulatorConfig config = simulator.config();
        if (rate != null) {
            config = config.withClock(new SimulatorConfig.Clock(rate, config.clock().stepMs()));
        }
        if (noControl || controlPort != null) {
            config = config.withControl(new SimulatorConfig.Control(!noControl, config.control().address(),
                    controlPort != null ? controlPort : config.control().port()));
        }
        if (process == null && config.processes().size() > 1) {
            return spawnProcesses(config);
        }
        if (process != null) {
            config = config.onlyProcess(process);
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PcapRecorder recorder = pcap == null ? null : new PcapRecorder(pcap);
        Simulator running = Simulator.start(config);
        ControlServer control = null;
        try {
            if (changeEverySignal) {
                running.changeEverySignal();
            }
            if (recorder != null) {
                config.ecus().forEach(e -> recorder.own(e.unicast()));
                running.record(recorder);
            }
            for (EcuStatus ecu : running.ecus()) {
                out.printf("%-16s %-12s %s%n", ecu.name(), ecu.unicast(), ecu.services().stream()
                        .map(s -> String.format("%s 0x%04X/0x%04X udp:%d tcp:%d",
                                s.name().substring(s.name().lastIndexOf('.') + 1), s.serviceId(), s.instanceId(),
                                s.udpPort(), s.tcpPort())).toList());
            }
            out.printf("SOME/IP-SD on port %d (multicast %s), clock rate %s, step %d ms%n", config.sd().port(),
                    config.sd().multicast(), config.clock().rate(), config.clock().stepMs());
            if (config.control().enabled()) {
                control = ControlServer.start(running, config.control().address(), config.control().port());
                out.printf("control API (vehicle.simulator.v1.SimulatorControl) on %s:%d%n", config.control().address(),
                        control.port());
            }
            out.println("running; stop with Ctrl-C or SIGTERM");
            out.flush();
            long until = duration == null ? Long.MAX_VALUE : SimulatedDuration.parse(duration).toNanos();
            long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(progressSeconds);
            while (!stop.await(100, TimeUnit.MILLISECONDS)) {
                if (running.now().toNanos() >= until) {
                    break;
                }
                if (progressSeconds > 0 && System.nanoTime() >= nextProgress) {
                    nextProgress += TimeUnit.SECONDS.toNanos(progressSeconds);
                    out.printf("progress: simulated %s, rate %.1fx, %d faults active%n",
                            SimulatedDuration.format(running.now().toNanos()), running.measuredRate(),
                            running.activeFaults().size());
                    out.flush();
                }
            }
        } finally {
            if (control != null) {
                control.close();
            }
            running.close(); // StopOffer from every ECU
            if (recorder != null) {
                recorder.close();
                out.printf("wrote %d packets to %s%n", recorder.frames(), pcap);
            }
            out.println("stopped: every ECU sent StopOffer");
            out.flush();
            stopped.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        return 0;
    }

    /** One child JVM per process of the file; stops them (SIGTERM, so they StopOffer) when stopped itself. */
    private int spawnProcesses(SimulatorConfig config) throws Exception {
        List<Process> children = new ArrayList<>();
        Thread hook = new Thread(() -> children.forEach(Process::destroy), "simulator-children");
        Runtime.getRuntime().addShutdownHook(hook);
        int index = 0;
        for (String name : config.processes()) {
            List<String> args = new ArrayList<>(List.of("simulator", "--process", name));
            args.addAll(simulator.arguments());
            if (rate != null) {
                args.addAll(List.of("--rate", rate));
            }
            if (duration != null) {
                args.addAll(List.of("--for", duration));
            }
            if (changeEverySignal) {
                args.add("--change-every-signal");
            }
            // one control API per process: the first on the configured port, the others on the next ones
            int port = config.control().port() == 0 ? 0 : config.control().port() + index;
            args.addAll(noControl ? List.of("--no-control") : List.of("--control-port", Integer.toString(port)));
            out.printf("process %s: %s%n", name, String.join(" ", args));
            children.add(new ProcessBuilder(ChildJvm.command(List.of(), args)).inheritIO().start());
            index++;
        }
        int exit = 0;
        for (Process child : children) {
            exit = Math.max(exit, child.waitFor());
        }
        return exit;
    }
}
