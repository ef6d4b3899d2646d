package io.vehicle.launcher.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The demo's running parts, closed once, in the reverse order of their start (the node before the bridge it
 * calls, the bridge before the ECUs it watches). A part that finishes starting after closing began is closed at
 * once, so Ctrl-C during start-up leaves nothing running.
 */
final class Parts {

    /** Thrown to the starting thread when the demo is being stopped. */
    static final class Closing extends RuntimeException {
        Closing() {
            super("stopping");
        }
    }

    private record Named(String name, AutoCloseable part) {
    }

    private final Deque<Named> started = new ArrayDeque<>();
    private boolean closing;

    <T extends AutoCloseable> T add(String name, T part) {
        synchronized (this) {
            if (!closing) {
                started.push(new Named(name, part));
                return part;
            }
        }
        close(new Named(name, part));
        throw new Closing();
    }

    void closeAll() {
        List<Named> toClose;
        synchronized (this) {
            closing = true;
            toClose = new ArrayList<>(started);
            started.clear();
        }
        toClose.forEach(Parts::close);
    }

    private static void close(Named named) {
        try {
            named.part().close();
        } catch (Exception e) {
            System.err.println("vehicle demo: closing the " + named.name() + " failed: " + e);
        }
    }
}
