package io.vehicle.simulator.ecu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vehicle.simulator.clock.EcuClock;
import io.vehicle.simulator.plant.PlantEvent;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.sdk.node.NodeOptions;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.transport.TrafficHooks;
import io.vehicle.someip.transport.TrafficTap;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One virtual ECU: a SOME/IP node of its own (own unicast address, own SD) offering its services, with
 * its own clock (which a fault may skew), its own network conditions, and a life of its own: it can stop
 * cleanly (StopOffer), crash (silence, no StopOffer) and start again, which peers see as a reboot
 * through SD's reboot flag and session ids (feat_req_someipsd_764). Driven on the simulation thread.
 */
public final class VirtualEcu {

    public enum State {
        RUNNING,
        CRASHED,
        STOPPED,
        RESTARTING
    }

    /** One offered service: its catalog name, instance and publishing cycle (ns of ECU time, 0: on change). */
    public record ServicePlan(String service, int instance, long cycleNanos) {
    }

    /** Payloads of a malformed burst all start with this service id, so captures can tell them apart. */
    public static final int MALFORMED_MARKER = 0x5E1F;

    private final String name;
    private final NodeConfig nodeConfig;
    private final List<ServicePlan> plans;
    private final ServiceWiring wiring;
    private final EcuClock clock = new EcuClock();
    private final NetworkConditions network;
    private final EcuTap tap = new EcuTap();
    private final Map<String, VirtualService> services = new LinkedHashMap<>();
    private final Set<String> withdrawn = new HashSet<>();
    private final Map<String, Long> lastCycle = new HashMap<>();
    /** The event loops every ECU of the simulator shares (a crash or restart leaves them running). */
    private final SomeIpRuntime runtime;
    private SomeIpNode node;
    private State state = State.STOPPED;
    private int starts;

    public VirtualEcu(String name, NodeConfig nodeConfig, List<ServicePlan> plans, ServiceWiring wiring, long seed,
                      SomeIpRuntime runtime) {
        this.runtime = runtime;
        this.name = name;
        this.nodeConfig = nodeConfig;
        this.plans = List.copyOf(plans);
        this.wiring = wiring;
        this.network = new NetworkConditions(seed);
    }

    public String name() {
        return name;
    }

    public String unicast() {
        return nodeConfig.unicast();
    }

    public State state() {
        return state;
    }

    public List<ServicePlan> plans() {
        return plans;
    }

    public EcuClock clock() {
        return clock;
    }

    public NetworkConditions network() {
        return network;
    }

    /** How often the ECU started (a restart counts). */
    public int starts() {
        return starts;
    }

    /** The recorder that sees this ECU's traffic from now on (null: none). */
    public void record(TrafficTap recorder) {
        tap.recorder(recorder);
    }

    public boolean offers(String service) {
        return plans.stream().anyMatch(p -> p.service().equals(service));
    }

    /** Whether SD announces the service now. */
    public boolean offering(String service) {
        return state == State.RUNNING && offers(service) && !withdrawn.contains(service);
    }

    public Collection<VirtualService> services() {
        return services.values();
    }

    public VirtualService service(String service) {
        return services.get(service);
    }

    /** The node's SOME/IP endpoint (null while down). */
    public InetSocketAddress udpEndpoint() {
        return node == null ? null : node.server().udpAddress();
    }

    public InetSocketAddress tcpEndpoint() {
        return node == null ? null : node.server().tcpAddress();
    }

    public void start() {
        if (state == State.RUNNING) {
            return;
        }
        node = SomeIpNode.start(nodeConfig, NodeOptions.defaults().withRuntime(runtime)
                .withEndpoints(nodeConfig.endpointOptions().withTraffic(new TrafficHooks(tap, network))));
        try {
            for (ServicePlan plan : plans) {
                VirtualService service = VirtualServices.create(plan.service(), node, plan.instance(), wiring);
                services.put(plan.service(), service);
                if (!withdrawn.contains(plan.service())) {
                    service.offer();
                }
            }
        } catch (RuntimeException e) {
            services.values().forEach(VirtualService::close);
            services.clear();
            node.close();
            node = null;
            throw e;
        }
        starts++;
        state = State.RUNNING;
    }

    /** Clean stop: every service sends StopOffer, then the sockets close. */
    public void stop() {
        if (node != null) {
            services.values().forEach(VirtualService::close);
            services.clear();
            node.close();
            node = null;
        }
        tap.forgetPeers();
        state = State.STOPPED;
    }

    /** A crash: the sockets close at once and nothing more is sent, no StopOffer. */
    public void crash() {
        if (node != null) {
            node.sd().closeSilently(); // first, so closing the skeletons below cannot reach the wire
            services.values().forEach(VirtualService::close);
            services.clear();
            node.crash();
            node = null;
        }
        tap.forgetPeers();
        state = State.CRASHED;
    }

    /** Down (a restart in progress), then {@link #start()} again. */
    public void goingDown() {
        stop();
        state = State.RESTARTING;
    }

    /** StopOffer for one service while the ECU keeps running. */
    public void withdraw(String service) {
        if (withdrawn.add(service) && services.containsKey(service)) {
            services.get(service).stopOffer();
        }
    }

    public void reoffer(String service) {
        if (withdrawn.remove(service) && services.containsKey(service)) {
            services.get(service).offer();
        }
    }

    /**
     * After a plant step of {@code dtNanos} simulated at simulated time {@code now}: the ECU's software
     * moves on by its local step, then every service publishes what changed and what its cycle is due for.
     */
    public void afterStep(long now, long dtNanos) {
        if (state != State.RUNNING) {
            return;
        }
        long local = clock.local(now);
        long localStep = clock.localStep(dtNanos);
        for (ServicePlan plan : plans) {
            VirtualService service = services.get(plan.service());
            service.step(localStep);
            boolean due = false;
            if (plan.cycleNanos() > 0) {
                long last = lastCycle.getOrDefault(plan.service(), Long.MIN_VALUE / 2);
                due = local - last >= plan.cycleNanos();
                if (due) {
                    lastCycle.put(plan.service(), local);
                }
            }
            service.publish(due);
        }
    }

    public void plantEvent(PlantEvent event) {
        if (state == State.RUNNING && services.containsKey(event.service())) {
            services.get(event.service()).plantEvent(event);
        }
    }

    /**
     * Sends {@code count} malformed SOME/IP messages from the ECU's UDP endpoint to every peer it has sent
     * to (subscribers, clients), or to the SD multicast group when it has none; they start with
     * {@link #MALFORMED_MARKER}. Returns the number of datagrams sent.
     */
    public int sendMalformed(int count, InetSocketAddress sdGroup) {
        if (node == null) {
            return 0;
        }
        List<InetSocketAddress> targets = new ArrayList<>(tap.udpPeers());
        if (targets.isEmpty()) {
            targets.add(sdGroup);
        }
        int sent = 0;
        for (int i = 0; i < count; i++) {
            for (InetSocketAddress target : targets) {
                node.server().sendDatagram(malformed(i), target);
                sent++;
            }
        }
        return sent;
    }

    /** Four kinds in turn: a truncated header, a length past the datagram, a length below 8, a bad version. */
    static ByteBuf malformed(int i) {
        ByteBuf bytes = Unpooled.buffer(24);
        bytes.writeShort(MALFORMED_MARKER).writeShort(0x0001);
        switch (i % 4) {
            case 0 -> bytes.writeShort(0);
            case 1 -> bytes.writeInt(0x100).writeInt(0x00010001).writeInt(0x01010000).writeInt(0xDEADBEEF);
            case 2 -> bytes.writeInt(4).writeInt(0x00010001);
            default -> bytes.writeInt(12).writeInt(0x00010001).writeInt(0x07015500).writeInt(0xDEADBEEF);
        }
        return bytes;
    }
}
