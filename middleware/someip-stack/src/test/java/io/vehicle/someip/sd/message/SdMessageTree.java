package io.vehicle.someip.sd.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vehicle.someip.vectors.GoldenVectorSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The tree form of an SD message in the golden vectors (vectors/someip-sd.yaml, written by
 * testing/src/main/python/sd_vectors.py from scapy's reading) and its mapping to and from
 * {@link SdMessage}. Option runs are lists of indexes into the options array.
 */
final class SdMessageTree {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final GoldenVectorSuite SUITE = GoldenVectorSuite.load("/vectors/someip-sd.yaml");

    private SdMessageTree() {
    }

    /** The messages of the golden vectors, for tests that send them to real peers. */
    static List<SdMessage> vectorMessages() {
        return SUITE.vectors().stream().map(v -> toMessage(v.decoded())).toList();
    }

    /** The SD part of a decoded form (without the SOME/IP header) as a message. */
    static SdMessage toMessage(JsonNode json) {
        List<SdOption> options = new ArrayList<>();
        for (JsonNode option : json.get("options")) {
            options.add(toOption(option));
        }
        List<SdEntry> entries = new ArrayList<>();
        for (JsonNode entry : json.get("entries")) {
            entries.add(toEntry(entry, options));
        }
        return new SdMessage(json.get("reboot").asBoolean(), json.get("unicast").asBoolean(),
                json.get("explicitInitialDataControl").asBoolean(), entries, options);
    }

    /**
     * A message's decoded form; option runs are given as the indexes where each run is found in the
     * array (how SdCodec lays them out). Normalised through text so numbers compare equal to parsed
     * ones (IntNode vs LongNode).
     */
    static JsonNode toJson(SdMessage message) {
        List<OptionRunIndexes> indexes = new ArrayList<>();
        for (SdEntry entry : message.entries()) {
            int first = start(entry.firstRun(), message.options());
            int second = start(entry.secondRun(), message.options());
            indexes.add(new OptionRunIndexes(first, second, entry.firstRun().size(), entry.secondRun().size()));
        }
        return toJson(message, indexes);
    }

    /** A received message's decoded form, with the option run indexes as they were on the wire. */
    static JsonNode toJson(DecodedSdMessage decoded) {
        return toJson(decoded.message(), decoded.indexes());
    }

    private static JsonNode toJson(SdMessage message, List<OptionRunIndexes> indexes) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("reboot", message.reboot());
        json.put("unicast", message.unicast());
        json.put("explicitInitialDataControl", message.explicitInitialDataControl());
        ArrayNode entries = json.putArray("entries");
        for (int i = 0; i < message.entries().size(); i++) {
            entries.add(toJson(message.entries().get(i), indexes.get(i)));
        }
        ArrayNode options = json.putArray("options");
        for (SdOption option : message.options()) {
            options.add(toJson(option));
        }
        try {
            return MAPPER.readTree(json.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SD part of a decoded form: everything but the SOME/IP header. */
    static ObjectNode sdPart(JsonNode decoded) {
        ObjectNode copy = decoded.deepCopy();
        copy.remove("header");
        return copy;
    }

    private static SdEntry toEntry(JsonNode json, List<SdOption> options) {
        int service = json.get("serviceId").asInt();
        int instance = json.get("instanceId").asInt();
        int major = json.get("majorVersion").asInt();
        int ttl = json.get("ttl").asInt();
        List<SdOption> first = run(json.get("first"), options);
        List<SdOption> second = run(json.get("second"), options);
        String kind = json.get("kind").asText();
        if (json.has("minorVersion")) {
            int minor = (int) json.get("minorVersion").asLong();
            return switch (kind) {
                case "FindService" -> new FindService(service, instance, major, minor, ttl, first, second);
                case "OfferService" -> new OfferService(service, instance, major, minor, ttl, first, second);
                case "StopOfferService" -> new StopOfferService(service, instance, major, minor, first, second);
                default -> throw new IllegalArgumentException(kind);
            };
        }
        boolean initial = json.get("initialDataRequested").asBoolean();
        int counter = json.get("counter").asInt();
        int eventgroup = json.get("eventgroupId").asInt();
        return switch (kind) {
            case "SubscribeEventgroup" ->
                    new SubscribeEventgroup(service, instance, major, ttl, initial, counter, eventgroup, first, second);
            case "StopSubscribeEventgroup" ->
                    new StopSubscribeEventgroup(service, instance, major, initial, counter, eventgroup, first, second);
            case "SubscribeEventgroupAck" ->
                    new SubscribeEventgroupAck(service, instance, major, ttl, initial, counter, eventgroup, first, second);
            case "SubscribeEventgroupNack" ->
                    new SubscribeEventgroupNack(service, instance, major, initial, counter, eventgroup, first, second);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static List<SdOption> run(JsonNode indexes, List<SdOption> options) {
        List<SdOption> run = new ArrayList<>();
        for (JsonNode index : indexes) {
            run.add(options.get(index.asInt()));
        }
        return run;
    }

    private static ObjectNode toJson(SdEntry entry, OptionRunIndexes indexes) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("kind", entry.getClass().getSimpleName());
        json.put("serviceId", entry.serviceId());
        json.put("instanceId", entry.instanceId());
        json.put("majorVersion", entry.majorVersion());
        json.put("ttl", entry.ttl());
        if (entry instanceof ServiceEntry service) {
            json.put("minorVersion", Integer.toUnsignedLong(service.minorVersion()));
        } else {
            EventgroupEntry eventgroup = (EventgroupEntry) entry;
            json.put("initialDataRequested", eventgroup.initialDataRequested());
            json.put("counter", eventgroup.counter());
            json.put("eventgroupId", eventgroup.eventgroupId());
        }
        json.set("first", run(indexes.index1(), indexes.count1()));
        json.set("second", run(indexes.index2(), indexes.count2()));
        return json;
    }

    /** The indexes of a run: none for an empty run, whatever its index field says (feat_req_someipsd_347). */
    private static ArrayNode run(int index, int count) {
        ArrayNode json = MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            json.add(index + i);
        }
        return json;
    }

    /** Where a run starts in the options array: the first place it appears whole. */
    private static int start(List<SdOption> run, List<SdOption> options) {
        for (int i = 0; i + run.size() <= options.size() && !run.isEmpty(); i++) {
            if (options.subList(i, i + run.size()).equals(run)) {
                return i;
            }
        }
        return 0;
    }

    static SdOption toOption(JsonNode json) {
        String kind = json.get("kind").asText();
        return switch (kind) {
            case "Configuration" -> {
                List<String> items = new ArrayList<>();
                json.get("items").forEach(item -> items.add(item.asText()));
                yield new ConfigurationOption(items);
            }
            case "LoadBalancing" -> new LoadBalancingOption(json.get("priority").asInt(), json.get("weight").asInt());
            case "Unknown" -> new UnknownOption(json.get("type").asInt(), HexFormat.of().parseHex(json.get("content").asText()));
            default -> {
                InetAddress address = address(json.get("address").asText());
                TransportProtocol protocol = TransportProtocol.valueOf(json.get("protocol").asText());
                int port = json.get("port").asInt();
                yield switch (kind) {
                    case "Ipv4Endpoint" -> new Ipv4EndpointOption((Inet4Address) address, protocol, port);
                    case "Ipv6Endpoint" -> new Ipv6EndpointOption((Inet6Address) address, protocol, port);
                    case "Ipv4Multicast" -> new Ipv4MulticastOption((Inet4Address) address, protocol, port);
                    case "Ipv6Multicast" -> new Ipv6MulticastOption((Inet6Address) address, protocol, port);
                    case "Ipv4SdEndpoint" -> new Ipv4SdEndpointOption((Inet4Address) address, protocol, port);
                    case "Ipv6SdEndpoint" -> new Ipv6SdEndpointOption((Inet6Address) address, protocol, port);
                    default -> throw new IllegalArgumentException(kind);
                };
            }
        };
    }

    private static ObjectNode toJson(SdOption option) {
        ObjectNode json = MAPPER.createObjectNode();
        if (option instanceof ConfigurationOption configuration) {
            json.put("kind", "Configuration");
            ArrayNode items = json.putArray("items");
            configuration.items().forEach(items::add);
        } else if (option instanceof LoadBalancingOption balancing) {
            json.put("kind", "LoadBalancing");
            json.put("priority", balancing.priority());
            json.put("weight", balancing.weight());
        } else if (option instanceof EndpointOption endpoint) {
            json.put("kind", endpoint.getClass().getSimpleName().replace("Option", ""));
            json.put("address", text(endpoint.address()));
            json.put("protocol", endpoint.protocol().name());
            json.put("port", endpoint.port());
        } else {
            UnknownOption unknown = (UnknownOption) option;
            json.put("kind", "Unknown");
            json.put("type", unknown.type());
            json.put("content", HexFormat.of().formatHex(unknown.content()));
        }
        return json;
    }

    /** Addresses in the compressed form Python's ipaddress module prints ("fd00::10"). */
    private static String text(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    static InetAddress address(String literal) {
        try {
            // A literal: no name lookup happens.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
