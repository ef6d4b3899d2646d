"""The Python side of the bridge's benchmark: subscribes (vehicle.gateway.v1 Subscribe, pattern "Bench") and
measures, for COUNT updates, the rate and the latency from the ECU's send time carried in each value
(CLOCK_MONOTONIC nanoseconds, the same clock as Java's System.nanoTime on Linux).

Usage: bench_subscriber.py PORT TOKEN COUNT (generated stubs on PYTHONPATH). Prints "ready" once subscribed,
then one result line.
"""
import sys
import time

import grpc

from vehicle.gateway.v1 import gateway_pb2, gateway_pb2_grpc


def main(port, token, count):
    channel = grpc.insecure_channel("127.0.0.1:%d" % port, options=[("grpc.enable_http_proxy", 0)])
    stub = gateway_pb2_grpc.GatewayStub(channel)
    stream = stub.Subscribe(gateway_pb2.SubscribeRequest(patterns=["Bench"]),
                            metadata=[("authorization", "Bearer " + token)])
    start = None
    latencies = []
    first = last = 0
    for response in stream:
        now = time.monotonic_ns()
        if start is None:  # the first response is the current state
            start = now
            print("ready", flush=True)
            continue
        for update in response.updates:
            sent = update.value.uint64
            if sent < start:
                continue
            if not latencies:
                first = now
            last = now
            latencies.append(now - sent)
        if len(latencies) >= count:
            break
    stream.cancel()
    latencies.sort()
    n = len(latencies)
    rate = (n - 1) / ((last - first) / 1e9) if n > 1 else 0
    print("received %d  %.0f/s  p50 %.1f µs  p99 %.1f µs  max %.1f µs" % (
        n, rate, latencies[n // 2] / 1e3, latencies[min(n - 1, int(n * 0.99))] / 1e3, latencies[-1] / 1e3),
        flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
