package io.vehicle.someip.sd.message;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes single options (feat_req_someipsd_122): a 16-bit Length covering everything
 * after the Type byte (feat_req_someipsd_133), the Type, then a Reserved byte whose highest bit is
 * the discardable flag (feat_req_someipsd_102), then the type's content.
 */
final class OptionCodec {

    /** Option header before the Length-covered content: Length (2) and Type (1). */
    static final int HEADER_SIZE = 3;
    static final int DISCARDABLE = 0x80;
    private static final int IPV4_LENGTH = 0x0009;
    private static final int IPV6_LENGTH = 0x0015;
    private static final int LOAD_BALANCING_LENGTH = 0x0005;

    /** One slot of a received options array: the option, its discardable flag, and why it is invalid (or null). */
    record Slot(SdOption option, boolean discardable, String malformed) {
        /** A type this codec does not know (a known type with bad content is malformed instead). */
        boolean unknownType() {
            return option instanceof UnknownOption && malformed == null;
        }
    }

    private OptionCodec() {
    }

    /** Decodes the option whose content ({@code length} bytes after the Type byte) starts at {@code at}. */
    static Slot read(ByteBuf in, int at, int length, int type) {
        byte[] content = new byte[length];
        in.getBytes(at, content);
        boolean discardable = length > 0 && (content[0] & DISCARDABLE) != 0;
        UnknownOption raw = new UnknownOption(type, content);
        try {
            SdOption option = switch (type) {
                case ConfigurationOption.TYPE -> configuration(content);
                case LoadBalancingOption.TYPE -> {
                    expectLength(length, LOAD_BALANCING_LENGTH, type);
                    yield new LoadBalancingOption(u16(content, 1), u16(content, 3));
                }
                case Ipv4EndpointOption.TYPE, Ipv4MulticastOption.TYPE, Ipv4SdEndpointOption.TYPE -> {
                    expectLength(length, IPV4_LENGTH, type);
                    yield endpoint(type, address(content, 4), content, 5);
                }
                case Ipv6EndpointOption.TYPE, Ipv6MulticastOption.TYPE, Ipv6SdEndpointOption.TYPE -> {
                    expectLength(length, IPV6_LENGTH, type);
                    yield endpoint(type, address(content, 16), content, 17);
                }
                default -> raw;
            };
            return new Slot(option, discardable, null);
        } catch (IllegalArgumentException invalid) {
            return new Slot(raw, discardable, invalid.getMessage());
        }
    }

    /** Appends one option. */
    static void write(SdOption option, ByteBuf out) {
        if (option instanceof ConfigurationOption configuration) {
            byte[] string = configuration.configurationString();
            header(out, 1 + string.length, ConfigurationOption.TYPE);
            out.writeBytes(string);
        } else if (option instanceof LoadBalancingOption balancing) {
            header(out, LOAD_BALANCING_LENGTH, LoadBalancingOption.TYPE);
            out.writeShort(balancing.priority());
            out.writeShort(balancing.weight());
        } else if (option instanceof EndpointOption endpoint) {
            byte[] address = endpoint.address().getAddress();
            header(out, address.length == 4 ? IPV4_LENGTH : IPV6_LENGTH, endpoint.type());
            out.writeBytes(address);
            out.writeByte(0);
            out.writeByte(endpoint.protocol().value());
            out.writeShort(endpoint.port());
        } else {
            UnknownOption unknown = (UnknownOption) option;
            byte[] content = unknown.content();
            out.writeShort(content.length);
            out.writeByte(unknown.type());
            out.writeBytes(content);
        }
    }

    /** Length, Type and a zero Reserved byte (the discardable flag is never set for options we understand). */
    private static void header(ByteBuf out, int length, int type) {
        out.writeShort(length);
        out.writeByte(type);
        out.writeByte(0);
    }

    private static void expectLength(int length, int expected, int type) {
        if (length != expected) {
            throw new IllegalArgumentException(String.format("option type 0x%02X with length %d, expected %d",
                    type, length, expected));
        }
    }

    private static EndpointOption endpoint(int type, InetAddress address, byte[] content, int tail) {
        // tail: the Reserved byte after the address, then L4-Proto and L4-Port.
        int protocolValue = content[tail + 1] & 0xFF;
        TransportProtocol protocol = TransportProtocol.fromValue(protocolValue);
        if (protocol == null) {
            throw new IllegalArgumentException(String.format("L4 protocol 0x%02X is neither TCP nor UDP", protocolValue));
        }
        int port = u16(content, tail + 2);
        return switch (type) {
            case Ipv4EndpointOption.TYPE -> new Ipv4EndpointOption((Inet4Address) address, protocol, port);
            case Ipv4MulticastOption.TYPE -> new Ipv4MulticastOption((Inet4Address) address, protocol, port);
            case Ipv4SdEndpointOption.TYPE -> new Ipv4SdEndpointOption((Inet4Address) address, protocol, port);
            case Ipv6EndpointOption.TYPE -> new Ipv6EndpointOption((Inet6Address) address, protocol, port);
            case Ipv6MulticastOption.TYPE -> new Ipv6MulticastOption((Inet6Address) address, protocol, port);
            default -> new Ipv6SdEndpointOption((Inet6Address) address, protocol, port);
        };
    }

    private static InetAddress address(byte[] content, int size) {
        byte[] bytes = new byte[size];
        System.arraycopy(content, 1, bytes, 0, size);
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            if (size == 16 && !(address instanceof Inet6Address)) {
                // Java turns IPv4-mapped IPv6 addresses into Inet4Address; keep the IPv6 form.
                address = Inet6Address.getByAddress(null, bytes, -1);
            }
            return address;
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException("address of " + size + " bytes");
        }
    }

    /** feat_req_someipsd_150, _151, _158: length-prefixed character sequences ending with a zero length. */
    private static ConfigurationOption configuration(byte[] content) {
        if (content.length == 0) {
            throw new IllegalArgumentException("configuration option without its Reserved byte");
        }
        List<String> items = new ArrayList<>();
        int at = 1;
        while (true) {
            if (at >= content.length) {
                throw new IllegalArgumentException("configuration string without terminating zero (feat_req_someipsd_151)");
            }
            int size = content[at] & 0xFF;
            at++;
            if (size == 0) {
                if (at != content.length) {
                    throw new IllegalArgumentException(
                            "bytes after the terminating zero of a configuration string (feat_req_someipsd_158)");
                }
                return new ConfigurationOption(items);
            }
            if (at + size > content.length) {
                throw new IllegalArgumentException("configuration item of " + size + " bytes past the option's end");
            }
            items.add(new String(content, at, size, StandardCharsets.ISO_8859_1));
            at += size;
        }
    }

    private static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }
}
