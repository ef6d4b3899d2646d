package io.vehicle.simulator.replay;

import io.netty.buffer.Unpooled;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the ECUs of a capture: each address that offered services gets a node of its own (on the
 * same loopback address, or one mapped to loopback) offering the same service instances and versions,
 * sending the captured notifications again at their captured intervals (scaled by a speed), and answering
 * requests from the capture: the captured answer to an identical request, else the last captured answer to
 * that method. Fields of catalog services serve their latest replayed value to getters and new subscribers.
 */
public final class Replayer implements AutoCloseable {

    /**
     * @param addresses captured provider address to the loopback address to replay it on (unlisted: the same
     *                  address if it is a loopback one, else 127.0.20.1, .2, ...)
     */
    public record Options(int sdPort, SdTimings timings, double speed, boolean loop, Map<String, String> addresses) {
    }

    /** One replayed service instance. */
    public record Served(String address, int serviceId, int instanceId, int majorVersion, int notifications,
                         int answers) {
    }

    private record Scheduled(long offsetNanos, ServiceSkeleton skeleton, int eventId, boolean field, byte[] payload) {
    }

    private final List<SomeIpNode> nodes = new ArrayList<>();
    private final List<Served> served = new ArrayList<>();
    private final List<Scheduled> timeline = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "replay");
        thread.setDaemon(true);
        return thread;
    });
    private final Options options;
    private volatile boolean closed;

    private Replayer(Capture capture, Options options) {
        this.options = options;
        Map<InetAddress, List<Capture.Offer>> byProvider = new LinkedHashMap<>();
        capture.offers().forEach(o -> byProvider.computeIfAbsent(o.provider(), p -> new ArrayList<>()).add(o));
        int mapped = 0;
        java.time.Instant start = capture.messages().isEmpty() ? java.time.Instant.EPOCH : capture.messages().get(0).time();
        for (Map.Entry<InetAddress, List<Capture.Offer>> provider : byProvider.entrySet()) {
            String captured = provider.getKey().getHostAddress();
            String address = options.addresses().getOrDefault(captured,
                    provider.getKey().isLoopbackAddress() ? captured : "127.0.20." + (++mapped));
            SomeIpNode node = SomeIpNode.start(NodeConfig.defaults().withUnicast(address)
                    .withSd(options.sdPort(), options.timings()));
            nodes.add(node);
            for (Capture.Offer offer : provider.getValue()) {
                serve(capture, node, address, offer, start);
            }
        }
        timeline.sort(Comparator.comparingLong(Scheduled::offsetNanos));
    }

    public static Replayer start(Capture capture, Options options) {
        return new Replayer(capture, options);
    }

    private void serve(Capture capture, SomeIpNode node, String address, Capture.Offer offer, java.time.Instant start) {
        Optional<ServiceBinding> binding = VehicleCatalog.services().stream().map(ServiceBinding::of)
                .filter(b -> b.serviceId() == offer.serviceId()).findFirst();
        ServiceSkeleton.Builder builder = ServiceSkeleton.builder(offer.serviceId(), offer.instanceId(),
                offer.majorVersion(), (int) offer.minorVersion());
        List<CapturedMessage> notifications = capture.notifications(offer.provider(), offer.serviceId());
        Map<Integer, CapturedMessage> firstByEvent = new LinkedHashMap<>();
        notifications.forEach(n -> firstByEvent.putIfAbsent(n.methodId(), n));
        Set<Integer> getters = new LinkedHashSet<>();
        Set<Integer> fields = new LinkedHashSet<>();
        for (CapturedMessage first : firstByEvent.values()) {
            int eventId = first.methodId();
            Optional<FieldBinding> field = binding.flatMap(b -> b.fields().values().stream()
                    .filter(f -> f.notifier().id() == eventId).findFirst());
            Integer[] groups = binding.flatMap(b -> b.rpcs().stream().filter(r -> r.isEvent() && r.id() == eventId)
                    .findFirst()).map(RpcBinding::eventgroups).map(g -> g.toArray(Integer[]::new))
                    .orElse(new Integer[] {1});
            if (field.isPresent()) {
                int getter = field.get().getter() == null ? -1 : field.get().getter().id();
                builder.field(eventId, getter, -1, null, Unpooled.wrappedBuffer(first.payload().clone()), first.tcp(),
                        groups);
                getters.add(getter);
                fields.add(eventId);
            } else {
                builder.event(eventId, first.tcp(), groups);
            }
        }
        List<CapturedMessage[]> exchanges = capture.exchanges(offer.provider(), offer.serviceId());
        Map<Integer, List<CapturedMessage[]>> byMethod = new LinkedHashMap<>();
        exchanges.forEach(e -> byMethod.computeIfAbsent(e[1].methodId(), m -> new ArrayList<>()).add(e));
        byMethod.forEach((method, answers) -> {
            if (getters.contains(method)) {
                return; // the field answers with its replayed value
            }
            builder.method(method, request -> {
                byte[] asked = new byte[request.payload().readableBytes()];
                request.payload().getBytes(request.payload().readerIndex(), asked);
                CapturedMessage answer = answers.stream().filter(e -> e[0] != null && Arrays.equals(e[0].payload(), asked))
                        .map(e -> e[1]).reduce((a, b) -> b).orElse(answers.get(answers.size() - 1)[1]);
                if (answer.messageType() == 0x81 || answer.returnCode() != 0) {
                    return CompletableFuture.failedFuture(new SomeIpErrorException(answer.returnCode(),
                            "answered from the capture"));
                }
                return CompletableFuture.completedFuture(Unpooled.wrappedBuffer(answer.payload().clone()));
            });
        });
        ServiceSkeleton skeleton = node.skeleton(builder);
        skeleton.offer();
        int index = 0;
        for (CapturedMessage n : notifications) {
            boolean field = fields.contains(n.methodId());
            if (field && n == firstByEvent.get(n.methodId())) {
                continue; // the field's initial value already
            }
            timeline.add(new Scheduled(Duration.between(start, n.time()).toNanos(), skeleton, n.methodId(), field,
                    n.payload()));
            index++;
        }
        served.add(new Served(address, offer.serviceId(), offer.instanceId(), offer.majorVersion(), index,
                exchanges.size()));
    }

    public List<Served> served() {
        return List.copyOf(served);
    }

    /** Starts sending the captured notifications, re-timed from now. */
    public void play() {
        if (timeline.isEmpty()) {
            return;
        }
        long first = timeline.get(0).offsetNanos();
        long last = timeline.get(timeline.size() - 1).offsetNanos();
        for (Scheduled item : timeline) {
            long delay = (long) ((item.offsetNanos() - first) / options.speed());
            timer.schedule(() -> send(item), delay, TimeUnit.NANOSECONDS);
        }
        if (options.loop()) {
            timer.schedule(this::play, (long) ((last - first) / options.speed()) + 1_000_000, TimeUnit.NANOSECONDS);
        }
    }

    private void send(Scheduled item) {
        if (closed) {
            return;
        }
        if (item.field()) {
            item.skeleton().setField(item.eventId(), Unpooled.wrappedBuffer(item.payload().clone()));
        } else {
            item.skeleton().publish(item.eventId(), Unpooled.wrappedBuffer(item.payload().clone()));
        }
    }

    /** Notifications the timeline sends in one pass. */
    public int timelineLength() {
        return timeline.size();
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        nodes.forEach(SomeIpNode::close);
    }
}
