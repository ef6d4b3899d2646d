package io.vehicle.launcher.tools.load;

import io.vehicle.someip.runtime.SomeIpClient;
import io.vehicle.someip.wire.SomeIpMessage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps a fixed number of requests in flight: each answer, on the client's event loop, records its
 * latency and sends the next request. Nothing is recorded during the warm-up.
 */
final class ClosedLoop {

    private final SomeIpClient client;
    private final Supplier<SomeIpMessage> requests;
    private final int concurrency;
    private final RecordingWindow window = new RecordingWindow();
    private volatile boolean running = true;
    private final CountDownLatch stopped;

    ClosedLoop(SomeIpClient client, Supplier<SomeIpMessage> requests, int concurrency) {
        this.client = client;
        this.requests = requests;
        this.concurrency = concurrency;
        this.stopped = new CountDownLatch(concurrency);
    }

    LatencyResult run(String scenario, Duration warmup, Duration measure, CpuWindow cpu) throws InterruptedException {
        for (int i = 0; i < concurrency; i++) {
            next();
        }
        LatencyResult result = window.run(scenario, warmup, measure, cpu);
        running = false;
        if (!stopped.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(scenario + ": requests still outstanding 30 s after the run");
        }
        return result;
    }

    private void next() {
        if (!running) {
            stopped.countDown();
            return;
        }
        long sentAt = System.nanoTime();
        client.request(requests.get()).whenComplete((response, error) -> {
            long latency = System.nanoTime() - sentAt;
            if (response != null) {
                response.release();
            }
            if (error instanceof io.vehicle.someip.runtime.EndpointClosedException) {
                stopped.countDown();
                return;
            }
            if (error == null) {
                window.answered(latency);
            } else {
                window.failed();
            }
            next();
        });
    }
}
