package io.vehicle.someip.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TextFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden vectors (golden-vectors.txt): each names the requirement ids it shows, e.g. the union example of
 * feat_req_someip_276..289 and the map example of feat_req_someip_300, and is checked in both directions.
 */
class SerializationGoldenVectorTest {

    private static final SomeIpSerializer SERIALIZER = new SomeIpSerializer();

    record Vector(String name, Descriptor type, boolean encode, String hex, String decoded) {
    }

    @TestFactory
    @DisplayName("golden vectors: feat_req_someip_230..300 (structs, strings, arrays, enums, unions)")
    Stream<DynamicTest> goldenVectors() throws IOException {
        return load().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> check(v)));
    }

    private static void check(Vector vector) throws Exception {
        DynamicMessage.Builder expected = DynamicMessage.newBuilder(vector.type());
        TextFormat.merge(vector.decoded(), expected);
        byte[] wire = ByteBufUtil.decodeHexDump(vector.hex());

        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer().writeBytes(wire);
        try {
            DynamicMessage decoded = SERIALIZER.deserialize(in, vector.type());
            assertThat(decoded).as("decoded %s", vector.name()).isEqualTo(expected.build());
            assertThat(in.isReadable()).as("whole payload consumed").isFalse();
        } finally {
            assertThat(in.release()).isTrue();
        }
        if (vector.encode()) {
            ByteBuf out = SERIALIZER.serialize(expected.build(), PooledByteBufAllocator.DEFAULT);
            try {
                assertThat(ByteBufUtil.hexDump(out)).isEqualToIgnoringCase(ByteBufUtil.hexDump(wire));
            } finally {
                assertThat(out.release()).isTrue();
            }
        }
    }

    static List<Vector> load() throws IOException {
        List<Vector> vectors = new ArrayList<>();
        try (InputStream stream = SerializationGoldenVectorTest.class.getResourceAsStream("golden-vectors.txt")) {
            String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            for (String block : text.split("\\n\\s*\\n")) {
                Map<String, String> keys = new HashMap<>();
                for (String line : block.split("\\n")) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    int colon = line.indexOf(':');
                    keys.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
                if (keys.isEmpty()) {
                    continue;
                }
                vectors.add(new Vector(keys.get("name"), WireShapes.type(keys.get("type")),
                        keys.get("direction").equals("both"), keys.get("hex").replace(" ", ""), keys.get("decoded")));
            }
        }
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(15);
        return vectors;
    }
}
