package io.vehicle.launcher.tools.load;

/** The ids of the load tool's own service, shared by its server and client processes. */
final class LoadProtocol {

    static final int SERVICE = 0x7E57;
    static final int INSTANCE = 0x0001;
    static final int MAJOR_VERSION = 1;
    /** Answers with the request's payload. */
    static final int ECHO = 0x0001;
    /**
     * Payload: count (u32), payload size (u16), rate per second (u32, 0 = unpaced), UDP port of the
     * receiver (u16) on the same address. Answers, once all are sent, with the count sent (u32).
     */
    static final int STREAM = 0x0002;
    /** Notifications of a stream; their payload starts with a u32 sequence number. */
    static final int STREAM_EVENT = 0x8001;

    private LoadProtocol() {
    }
}
