package io.vehicle.launcher.assistant;

import io.vehicle.assistant.llm.LlmSettings;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command that runs an assistant node shares: the language model (flags over the
 * {@code VEHICLE_LLM_*} environment) and its deadline.
 */
public final class NodeOptions {

    @Option(names = "--llm-base-url", description = "OpenAI-compatible endpoint, e.g. https://api.deepseek.com/v1 or "
            + "http://127.0.0.1:8080/v1 (default: $" + LlmSettings.ENV_BASE_URL + "; none: the offline engine alone).")
    String llmBaseUrl;

    @Option(names = "--llm-model", description = "Model name at that endpoint (default: $" + LlmSettings.ENV_MODEL
            + ").")
    String llmModel;

    @Option(names = "--llm-api-key", description = "API key (default: $" + LlmSettings.ENV_API_KEY + "; prefer the "
            + "environment, a flag shows in the process list).")
    String llmApiKey;

    @Option(names = "--llm-timeout-ms", defaultValue = "4000", description = "How long the model may take to read "
            + "an utterance before the offline engine answers (default ${DEFAULT-VALUE}).")
    long llmTimeoutMs;

    @Option(names = "--llm-no-stream", description = "Ask the model for one JSON answer instead of a stream.")
    boolean llmNoStream;

    /** The model from the flags, else from the environment; null for the offline engine alone. */
    public LlmSettings llm(Map<String, String> environment) {
        String base = llmBaseUrl != null ? llmBaseUrl : environment.get(LlmSettings.ENV_BASE_URL);
        if (base == null || base.isBlank()) {
            if (llmModel != null) {
                throw new IllegalArgumentException("--llm-model needs --llm-base-url (or $" + LlmSettings.ENV_BASE_URL
                        + ")");
            }
            return null;
        }
        String model = llmModel != null ? llmModel : environment.get(LlmSettings.ENV_MODEL);
        String key = llmApiKey != null ? llmApiKey : environment.get(LlmSettings.ENV_API_KEY);
        LlmSettings settings = LlmSettings.of(base, model, key);
        Duration deadline = Duration.ofMillis(llmTimeoutMs);
        return settings.withDeadlines(deadline, deadline, settings.replyDeadline()).withStream(!llmNoStream);
    }

    /** {@code host:port} (IPv4 or a name), e.g. {@code 127.0.0.1:55555}. */
    static SocketAddress address(String hostPort, String what) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException(what + " must be host:port, not '" + hostPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + hostPort.substring(colon + 1) + "' is not a port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + ": port " + port + " is out of range");
        }
        return SocketAddress.inetSocketAddress(port, hostPort.substring(0, colon));
    }
}
