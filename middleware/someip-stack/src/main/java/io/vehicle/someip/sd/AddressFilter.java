package io.vehicle.someip.sd;

import java.net.InetAddress;
import java.util.List;

/**
 * Which endpoint addresses offers and subscriptions may name (the spec's hardening of endpoint
 * options): a list of subnets in CIDR form. Everything else is ignored and counted.
 */
public final class AddressFilter {

    private record Subnet(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Subnet> subnets;

    private AddressFilter(List<Subnet> subnets) {
        this.subnets = subnets;
    }

    /** Parses entries like "127.0.0.0/8" or "10.77.0.0/24" (a bare address means /32 or /128). */
    public static AddressFilter of(List<String> cidrs) {
        return new AddressFilter(cidrs.stream().map(AddressFilter::parse).toList());
    }

    public boolean allows(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Subnet subnet : subnets) {
            if (subnet.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Subnet parse(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("prefix out of range in " + cidr);
            }
            return new Subnet(network, prefix);
        } catch (java.net.UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a subnet: " + cidr, e);
        }
    }
}
