package io.vehicle.testing;

/**
 * SD ports for tests that must stay out of each other's way (and off 30490, the default that other
 * tests and tools on this machine use): below the ephemeral range, spread by the JVM's pid so
 * parallel builds of other checkouts pick other ports, and by a per-class slot.
 */
public final class TestPorts {

    private TestPorts() {
    }

    /** Slot 0..15: one per test class (or per parallel case). Stays below 32768, the ephemeral range. */
    public static int sdPort(int slot) {
        if (slot < 0 || slot > 15) {
            throw new IllegalArgumentException("slot 0..15");
        }
        return 20_000 + (int) (ProcessHandle.current().pid() % 750) * 16 + slot;
    }
}
