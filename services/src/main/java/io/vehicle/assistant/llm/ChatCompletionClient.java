package io.vehicle.assistant.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client of an OpenAI-compatible {@code POST /chat/completions} endpoint on Vert.x's HTTP client, with Jackson
 * for the JSON. It asks for a stream of server-sent events when so configured and reads whatever the server
 * chose to send (a stream, or one JSON body); keeps every exchange to its timeout and the response to a size
 * limit; and retries connection failures, 429 and 5xx with a doubling back-off, all within the caller's deadline.
 *
 * <p>The core HTTP client rather than the web client: the web client buffers a response whole, and a stream must
 * be read as it arrives. Server-sent events are split into lines by Vert.x's {@link RecordParser}; each
 * {@code data:} line is one JSON chunk.
 */
public final class ChatCompletionClient implements AutoCloseable {

    private final Vertx vertx;
    private final HttpClient http;
    private final io.vertx.core.Context context;
    private final LlmSettings settings;
    private final String url;
    /** Every exchange's method, address and headers, parsed once; each request gets a copy. */
    private final RequestOptions requestTemplate;
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public ChatCompletionClient(Vertx vertx, LlmSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        URI base = settings.baseUrl();
        this.url = base + "/chat/completions";
        boolean tls = "https".equals(base.getScheme());
        this.context = vertx.getOrCreateContext();
        this.http = vertx.createHttpClient(new HttpClientOptions().setSsl(tls)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.attemptTimeout().toMillis()))
                .setKeepAlive(true).setMaxInitialLineLength(8192).setMaxHeaderSize(32 * 1024));
        this.requestTemplate = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, settings.stream() ? "text/event-stream, application/json"
                        : "application/json");
        if (!settings.apiKey().isEmpty()) {
            requestTemplate.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey());
        }
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxStringLength(settings.maxAnswerBytes()).maxNumberLength(64).build());
    }

    public LlmSettings settings() {
        return settings;
    }

    /**
     * Posts {@code body} (its {@code stream} flag set from the settings) and assembles the answer.
     *
     * @param deadlineNanos {@link System#nanoTime()} by which the answer must be complete, retries included
     * @return fails with {@link ModelFailure} saying why there is no answer
     */
    public Future<ModelAnswer> complete(ObjectNode body, long deadlineNanos) {
        // A shallow copy: the caller's body is not changed, and its parts (the tools above all) are not copied.
        ObjectNode request = body.objectNode().setAll(body);
        request.put("stream", settings.stream());
        Buffer bytes;
        try {
            bytes = Buffer.buffer(json.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            return Future.failedFuture(new ModelFailure("cannot encode the request: " + e.getMessage(), false, e));
        }
        return withRetries(bytes, deadlineNanos, 1);
    }

    private Future<ModelAnswer> withRetries(Buffer body, long deadlineNanos, int attempt) {
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            return Future.failedFuture(new ModelFailure("no answer within the deadline", false));
        }
        long timeout = Math.min(settings.attemptTimeout().toMillis(), remainingMillis);
        return attempt(body, timeout).recover(failure -> {
            ModelFailure problem = failure instanceof ModelFailure model ? model
                    : new ModelFailure("cannot reach " + url + ": " + failure.getMessage(), true, failure);
            long wait = settings.backoff().toMillis() << (attempt - 1);
            boolean inTime = System.nanoTime() + wait * 1_000_000 < deadlineNanos;
            if (!problem.retryable() || attempt >= settings.maxAttempts() || !inTime) {
                String tried = attempt > 1 ? " (after " + attempt + " attempts)" : "";
                return Future.failedFuture(new ModelFailure(problem.getMessage() + tried, false, problem));
            }
            Promise<ModelAnswer> retried = Promise.promise();
            vertx.setTimer(Math.max(1, wait), timer -> withRetries(body, deadlineNanos, attempt + 1)
                    .onComplete(retried));
            return retried.future();
        });
    }

    /** One exchange, failed after {@code timeoutMillis} with the request reset. */
    private Future<ModelAnswer> attempt(Buffer body, long timeoutMillis) {
        Promise<ModelAnswer> answer = Promise.promise();
        RequestOptions options = new RequestOptions(requestTemplate);
        AtomicBoolean over = new AtomicBoolean();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long timer = vertx.setTimer(Math.max(1, timeoutMillis), t -> {
            over.set(true);
            if (answer.tryFail(new ModelFailure("no answer within " + timeoutMillis + " ms", false))
                    && sent[0] != null) {
                sent[0].reset();
            }
        });
        // Started on the client's own context, and the response read in the listener of its own future: the
        // response's data then arrives on that context after the handlers are set. (Read from a listener further
        // down a future chain, a short response can end before its handler is set, and is lost.)
        context.runOnContext(start -> http.request(options).onFailure(answer::tryFail).onSuccess(request -> {
            sent[0] = request;
            if (over.get()) {
                request.reset();
                return;
            }
            request.send(body).onSuccess(response -> read(response, answer)).onFailure(answer::tryFail);
        }));
        return answer.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    private void read(HttpClientResponse response, Promise<ModelAnswer> answer) {
        int status = response.statusCode();
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        if (status / 100 != 2) {
            readBody(response, answer, body -> {
                String text = body.toString(StandardCharsets.UTF_8);
                throw new ModelFailure("HTTP " + status + " from " + url + ": " + (text.length() > 200
                        ? text.substring(0, 200) + "…" : text), status == 429 || status >= 500);
            });
        } else if (type != null && type.toLowerCase().startsWith("text/event-stream")) {
            readStream(response, answer);
        } else {
            readBody(response, answer, body -> AnswerAssembler.fromResponse(parse(body.toString(
                    StandardCharsets.UTF_8))));
        }
    }

    @FunctionalInterface
    private interface BodyReader {
        ModelAnswer read(Buffer body);
    }

    /** A whole body, up to the size limit. */
    private void readBody(HttpClientResponse response, Promise<ModelAnswer> answer, BodyReader reader) {
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > settings.maxAnswerBytes()) {
                if (answer.tryFail(new ModelFailure("the answer is larger than " + settings.maxAnswerBytes()
                        + " bytes", false))) {
                    response.request().reset();
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(answer::tryFail);
        response.endHandler(end -> {
            if (answer.future().isComplete()) {
                return;
            }
            try {
                answer.tryComplete(reader.read(body));
            } catch (ModelFailure e) {
                answer.tryFail(e);
            } catch (RuntimeException e) {
                answer.tryFail(new ModelFailure("unreadable answer: " + e.getMessage(), false, e));
            }
        });
    }

    /** Server-sent events: {@code data:} lines, an empty line ends an event, {@code [DONE]} ends the stream. */
    private void readStream(HttpClientResponse response, Promise<ModelAnswer> answer) {
        AnswerAssembler assembler = new AnswerAssembler();
        StringBuilder data = new StringBuilder();
        long[] bytes = {0};
        boolean[] done = {false};
        RecordParser lines = RecordParser.newDelimited("\n", line -> {
            if (answer.future().isComplete()) {
                return;
            }
            bytes[0] += line.length() + 1;
            if (bytes[0] > settings.maxAnswerBytes()) {
                if (answer.tryFail(new ModelFailure("the stream is longer than " + settings.maxAnswerBytes()
                        + " bytes", false))) {
                    response.request().reset();
                }
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            try {
                if (text.isEmpty()) {
                    done[0] |= dispatch(data, assembler);
                } else if (text.startsWith("data:")) {
                    String value = text.substring(5);
                    data.append(data.length() > 0 ? "\n" : "").append(value.startsWith(" ") ? value.substring(1)
                            : value);
                }
                // "event:", "id:", "retry:" and ":" comments carry nothing for chat completions.
            } catch (ModelFailure e) {
                if (answer.tryFail(e)) {
                    response.request().reset();
                }
            }
        });
        lines.maxRecordSize(settings.maxAnswerBytes());
        lines.exceptionHandler(failure -> {
            if (answer.tryFail(new ModelFailure("unreadable stream: " + failure.getMessage(), false, failure))) {
                response.request().reset();
            }
        });
        response.handler(lines);
        response.exceptionHandler(answer::tryFail);
        response.endHandler(end -> {
            if (answer.future().isComplete()) {
                return;
            }
            try {
                done[0] |= dispatch(data, assembler);
                ModelAnswer assembled = assembler.answer(true);
                if (!done[0] && assembled.finishReason().isEmpty()) {
                    throw new ModelFailure("the stream ended before the answer was finished", false);
                }
                answer.tryComplete(assembled);
            } catch (ModelFailure e) {
                answer.tryFail(e);
            }
        });
    }

    /** Hands one event's data to the assembler; true for the closing {@code [DONE]}. */
    private boolean dispatch(StringBuilder data, AnswerAssembler assembler) {
        if (data.length() == 0) {
            return false;
        }
        String event = data.toString().strip();
        data.setLength(0);
        if (event.equals("[DONE]")) {
            return true;
        }
        assembler.addChunk(parse(event));
        return false;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelFailure("the answer is not JSON: " + e.getOriginalMessage(), false, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
