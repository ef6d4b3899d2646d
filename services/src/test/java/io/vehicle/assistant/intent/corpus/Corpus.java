package io.vehicle.assistant.intent.corpus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a corpus file from the test classpath, one JSON object per line. */
public final class Corpus {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Set<String> OUTCOMES = Set.of("done", "refused", "not_understood", "needs_confirmation",
            "partial", "error");

    private Corpus() {
    }

    public static List<CorpusCase> read(String resource) {
        InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the test classpath");
        }
        List<CorpusCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                CorpusCase c = JSON.readValue(line, CorpusCase.class);
                String where = resource + ":" + number;
                if (c.id() == null || c.say() == null || c.expect() == null || c.expect().outcome() == null
                        || c.expect().actions() == null) {
                    throw new IllegalArgumentException(where + ": id, say, expect.outcome and expect.actions are required");
                }
                if (!OUTCOMES.contains(c.expect().outcome())) {
                    throw new IllegalArgumentException(where + ": unknown outcome " + c.expect().outcome());
                }
                if (c.expect().understood() == c.expect().actions().isEmpty()) {
                    throw new IllegalArgumentException(where + ": " + c.expect().outcome() + " with "
                            + c.expect().actions().size() + " action(s)");
                }
                if (!ids.add(c.id())) {
                    throw new IllegalArgumentException(where + ": duplicate id " + c.id());
                }
                cases.add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return cases;
    }
}
