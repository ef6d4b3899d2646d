package io.vehicle.bridge.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** java.time to protobuf. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Timestamp of(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
