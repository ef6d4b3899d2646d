package io.vehicle.assistant.intent.offline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vehicle.assistant.intent.Language;
import io.vehicle.idl.catalog.VehicleCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The engine's data files under {@code assistant/offline/} on the classpath, read with Jackson and checked
 * against the catalog and each other: devices.yaml, lexicon-en.yaml, lexicon-zh.yaml, examples-en.yaml,
 * examples-zh.yaml. Any inconsistency fails loading with the file and entry named.
 */
final class OfflineData {

    static final String DIRECTORY = "assistant/offline/";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    final DeviceTable devices;
    final Map<Language, Lexicon> lexicons;
    final Map<Language, ExampleFile> exampleFiles;

    private OfflineData(DeviceTable devices, Map<Language, Lexicon> lexicons, Map<Language, ExampleFile> exampleFiles) {
        this.devices = devices;
        this.lexicons = lexicons;
        this.exampleFiles = exampleFiles;
    }

    /** Reads and checks the data files; the embedding models are not loaded yet. */
    static OfflineData load() {
        DeviceTable devices = new DeviceTable(read("devices.yaml", DeviceFile.class), VehicleCatalog.signals());
        Map<Language, Lexicon> lexicons = new EnumMap<>(Language.class);
        Map<Language, ExampleFile> examples = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String suffix = language.name().toLowerCase();
            String lexiconName = "lexicon-" + suffix + ".yaml";
            // English misspellings are read against the lexicon, never against a word of the language.
            Set<String> dictionary = language == Language.EN ? SentenceEncoder.wholeWords(language) : Set.of();
            Lexicon lexicon = new Lexicon(read(lexiconName, LexiconFile.class), dictionary);
            if (lexicon.language != language) {
                throw new IllegalArgumentException(lexiconName + " says it is " + lexicon.language);
            }
            for (String device : lexicon.mentionedDevices()) {
                devices.require(device, lexiconName);
            }
            lexicons.put(language, lexicon);
            examples.put(language, read("examples-" + suffix + ".yaml", ExampleFile.class));
        }
        return new OfflineData(devices, lexicons, examples);
    }

    /** Loads both embedding models, embeds the example banks and builds the engine. */
    OfflineIntentEngine engine() {
        Map<Language, ExampleBank> banks = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            SentenceEncoder encoder = SentenceEncoder.load(language);
            banks.put(language, new ExampleBank(encoder, exampleFiles.get(language), devices, lexicons.get(language),
                    "examples-" + language.name().toLowerCase() + ".yaml"));
        }
        return new OfflineIntentEngine(devices, lexicons, banks);
    }

    static <T> T read(String name, Class<T> type) {
        String resource = DIRECTORY + name;
        try (InputStream in = OfflineData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("data file " + resource + " is not on the classpath");
            }
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
