package io.vehicle.launcher.tools.load;

/** One notification stream: how many were sent and received, and over what time from first to last arrival. */
record StreamResult(String scenario, long sent, long received, double seconds) {

    double receivedPerSecond() {
        return seconds > 0 ? received / seconds : 0;
    }

    long lost() {
        return sent - received;
    }
}
