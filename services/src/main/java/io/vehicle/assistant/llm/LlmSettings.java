package io.vehicle.assistant.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the node talks to an OpenAI-compatible chat-completions endpoint (DeepSeek's API, llama.cpp, vLLM,
 * Ollama), and the bounds it keeps the model to.
 *
 * @param baseUrl       e.g. {@code https://api.deepseek.com/v1} or {@code http://127.0.0.1:8080/v1}; the node
 *                      posts to {@code baseUrl + "/chat/completions"}
 * @param model         the model's name at that endpoint, e.g. {@code deepseek-chat}
 * @param apiKey        sent as a bearer token; empty for a local server without one
 * @param deadline      the whole reading of one utterance (attempts and back-off included); after it the offline
 *                      engine answers
 * @param attemptTimeout one HTTP exchange, from sending to the last byte
 * @param maxAttempts   1 plus the retries after a connection failure, HTTP 429 or 5xx
 * @param backoff       the wait before the first retry, doubled for each further one
 * @param replyDeadline the second exchange, in which the model words the reply from the tool results
 * @param stream        ask for {@code stream: true}; a server that answers with plain JSON is read as such
 * @param maxToolCalls  more tool calls in one answer are refused as a whole
 * @param maxAnswerBytes a larger response is cut off and treated as a failed answer
 */
public record LlmSettings(URI baseUrl, String model, String apiKey, Duration deadline, Duration attemptTimeout,
        int maxAttempts, Duration backoff, Duration replyDeadline, boolean stream, int maxToolCalls,
        int maxAnswerBytes) {

    public static final String ENV_BASE_URL = "VEHICLE_LLM_BASE_URL";
    public static final String ENV_MODEL = "VEHICLE_LLM_MODEL";
    public static final String ENV_API_KEY = "VEHICLE_LLM_API_KEY";

    public LlmSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("the LLM base URL must be http or https: " + baseUrl);
        }
        if (baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the LLM base URL has no host: " + baseUrl);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("no LLM model name (" + ENV_MODEL + " or --llm-model)");
        }
        apiKey = apiKey == null ? "" : apiKey.strip();
        if (maxAttempts < 1 || maxToolCalls < 1 || maxAnswerBytes < 1024) {
            throw new IllegalArgumentException("maxAttempts and maxToolCalls must be at least 1, maxAnswerBytes 1024");
        }
    }

    /** Defaults for a cockpit: an answer within 4 s or the offline engine answers. */
    public static LlmSettings of(String baseUrl, String model, String apiKey) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new LlmSettings(URI.create(base), model, apiKey, Duration.ofSeconds(4), Duration.ofMillis(3500), 2,
                Duration.ofMillis(150), Duration.ofSeconds(3), true, 8, 512 * 1024);
    }

    /**
     * From {@value #ENV_BASE_URL}, {@value #ENV_MODEL} and {@value #ENV_API_KEY}; null when no base URL is set
     * (the offline engine alone).
     */
    public static LlmSettings fromEnvironment(Map<String, String> environment) {
        String base = environment.get(ENV_BASE_URL);
        if (base == null || base.isBlank()) {
            return null;
        }
        return of(base, environment.get(ENV_MODEL), environment.get(ENV_API_KEY));
    }

    public LlmSettings withDeadlines(Duration deadline, Duration attemptTimeout, Duration replyDeadline) {
        return new LlmSettings(baseUrl, model, apiKey, deadline, attemptTimeout, maxAttempts, backoff, replyDeadline,
                stream, maxToolCalls, maxAnswerBytes);
    }

    public LlmSettings withStream(boolean streamed) {
        return new LlmSettings(baseUrl, model, apiKey, deadline, attemptTimeout, maxAttempts, backoff, replyDeadline,
                streamed, maxToolCalls, maxAnswerBytes);
    }

    /** The engine's name in replies and the audit log. */
    public String engineName() {
        return "llm:" + model;
    }

    @Override
    public String toString() {
        // Never the key.
        return "LlmSettings[" + baseUrl + ", model " + model + ", key " + (apiKey.isEmpty() ? "none" : "set")
                + ", deadline " + deadline.toMillis() + " ms]";
    }
}
