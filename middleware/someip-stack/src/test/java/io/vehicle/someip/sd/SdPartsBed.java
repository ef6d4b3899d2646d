package io.vehicle.someip.sd;

import io.vehicle.someip.transport.RefusalCounter;
import java.util.List;
import java.util.Random;
import org.slf4j.LoggerFactory;

/**
 * The parts of SD wired as {@link ServiceDiscovery} wires them, on a manual clock with a recording
 * transport, for tests that drive one part through its own API. Same address, subnets and timings
 * as {@link SdTestBed}.
 */
final class SdPartsBed {

    final ManualScheduler clock = new ManualScheduler();
    final RecordingTransport transport = new RecordingTransport(clock);
    final RefusalCounter<SdRefusal> refusals = RefusalCounter.of(SdRefusal.class,
            LoggerFactory.getLogger(SdPartsBed.class));
    final SdOutbox outbox = new SdOutbox(transport);
    final SdSweep sweep = new SdSweep(clock, outbox);
    final ServerSide server;
    final ClientSide client;

    SdPartsBed() {
        this(SdTestBed.TIMINGS, 42);
    }

    SdPartsBed(SdTimings timings, long seed) {
        SdDelays delays = new SdDelays(clock, timings, new Random(seed));
        EndpointCheck endpoints = new EndpointCheck(AddressFilter.of(List.of("10.0.0.0/24")), refusals);
        server = new ServerSide(clock, outbox, timings, delays, endpoints, sweep);
        client = new ClientSide(clock, outbox, timings, delays, endpoints, refusals, sweep);
        sweep.add(client::sweep);
        sweep.add(server::sweep);
    }

    /** Starts a find on the client side; stop it with {@code client.stopFind}. */
    ClientSide.Find find(int serviceId, int instanceId, int majorVersion, AvailabilityListener listener) {
        ClientSide.Find find = new ClientSide.Find(new ServiceSelector(serviceId, instanceId, majorVersion), listener);
        client.startFind(find);
        return find;
    }

    long advanceUntilSent(long limit) {
        return transport.advanceClockUntilSent(limit);
    }
}
