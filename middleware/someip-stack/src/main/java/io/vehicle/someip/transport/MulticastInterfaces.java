package io.vehicle.someip.transport;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** The network interface multicast uses for a unicast address: its own, or lo for all of 127/8. */
public final class MulticastInterfaces {

    private MulticastInterfaces() {
    }

    public static NetworkInterface of(InetAddress unicast) {
        try {
            // Every 127/8 address lives on the loopback device, though only 127.0.0.1 is assigned to it.
            NetworkInterface nic = NetworkInterface.getByInetAddress(unicast.isLoopbackAddress()
                    ? InetAddress.getLoopbackAddress() : unicast);
            if (nic == null) {
                throw new IllegalArgumentException("no network interface has the address " + unicast.getHostAddress());
            }
            return nic;
        } catch (SocketException e) {
            throw new IllegalStateException("cannot look up the interface of " + unicast.getHostAddress(), e);
        }
    }
}
