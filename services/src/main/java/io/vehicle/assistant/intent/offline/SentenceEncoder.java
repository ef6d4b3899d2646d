package io.vehicle.assistant.intent.offline;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.vehicle.assistant.intent.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * One in-process BGE sentence-embedding model (ONNX, shipped in a langchain4j Maven artifact), run on the
 * calling thread with a single intra-op thread: with onnxruntime's default thread pool the p99 latency rose to
 * 30–40 ms on a busy two-core machine (shared/DEPENDENCIES.md). Vectors are L2-normalised, so a dot product is the
 * cosine similarity.
 */
public final class SentenceEncoder extends AbstractInProcessEmbeddingModel {

    private static final int DIMENSION = 384;

    private final OnnxBertBiEncoder encoder;
    private final String name;

    private SentenceEncoder(OnnxBertBiEncoder encoder, String name) {
        super(Runnable::run);
        this.encoder = encoder;
        this.name = name;
    }

    /** Loads the model for a language from the classpath: bge-small-en-v1.5 or bge-small-zh-v1.5, quantised. */
    public static SentenceEncoder load(Language language) {
        String base = base(language);
        // DJL's tokenizer would otherwise look for a native build online when it finds none cached.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try (InputStream model = resource(base + ".onnx"); InputStream tokenizer = resource(base + "-tokenizer.json")) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new SentenceEncoder(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS), base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model " + base, e);
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime cannot load the embedding model " + base, e);
        }
    }

    /**
     * The whole words of the model's tokenizer (its WordPiece vocabulary without the word pieces): the common
     * words of the language, about 22,500 for English. Read without loading the model.
     */
    static Set<String> wholeWords(Language language) {
        // Streamed: only the names in model.vocab are wanted from the 700 KB file (read whole as a tree it cost
        // 0.5–1.5 s more at start-up on the busy two-core machine).
        try (InputStream tokenizer = resource(base(language) + "-tokenizer.json");
                JsonParser parser = new JsonFactory().createParser(tokenizer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !enter(parser, "model") || !enter(parser, "vocab")) {
                throw new IOException("no model.vocab object");
            }
            Set<String> words = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String token = parser.currentName();
                if (token.chars().allMatch(Character::isLetter)) {
                    words.add(token);
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of " + base(language), e);
        }
    }

    /** Moves into the object under {@code field} among the current object's fields; false when there is none. */
    private static boolean enter(JsonParser parser, String field) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean found = field.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (found) {
                return value == JsonToken.START_OBJECT;
            }
            parser.skipChildren();
        }
        return false;
    }

    private static String base(Language language) {
        return language == Language.ZH ? "bge-small-zh-v1.5-q" : "bge-small-en-v1.5-q";
    }

    private static InputStream resource(String name) {
        InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("embedding model resource " + name
                    + " is not on the classpath (langchain4j-embeddings-bge-small-*-v15-q)");
        }
        return in;
    }

    /** The normalised embedding of one sentence. */
    public float[] encode(String sentence) {
        Embedding embedding = embed(sentence).content();
        return embedding.vector();
    }

    public String modelName() {
        return name;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return DIMENSION;
    }
}
