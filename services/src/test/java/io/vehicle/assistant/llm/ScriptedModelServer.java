package io.vehicle.assistant.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one test double the project allows: an OpenAI-compatible chat-completions server on loopback, because a
 * cloud model cannot run here. It speaks the real wire format over real HTTP (Vert.x): {@code POST
 * /chat/completions}, tool calls with string-encoded JSON arguments, {@code finish_reason "tool_calls"}, and,
 * when the request asks for {@code stream: true}, server-sent event chunks with tool-call deltas split into
 * pieces. A test scripts its answers as a function of the request (so the second exchange, with the tool
 * results, can be answered differently), and reads back every request it received.
 */
public final class ScriptedModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to answer one request. */
    @FunctionalInterface
    public interface Script extends Function<JsonNode, Answer> {
    }

    /** An answer: a body to send whole or as chunks, or a misbehaviour. */
    public sealed interface Answer permits Json, Raw, Hang, Delayed, Endless {
    }

    /** A chat-completions message; sent as one JSON body, or streamed when the request asks for a stream. */
    public record Json(String content, List<Call> calls, String finishReason) implements Answer {
    }

    /** Exactly these bytes with this status and content type. */
    public record Raw(int status, String contentType, String body) implements Answer {
    }

    /** Never answer (the connection stays open). */
    public record Hang() implements Answer {
    }

    /** Answer after a delay (server-side timer). */
    public record Delayed(long millis, Answer answer) implements Answer {
    }

    /**
     * A stream that never ends: a content chunk of {@code piece} every millisecond (a server-side timer) until
     * the client goes away. Streamed even when the request did not ask for a stream.
     */
    public record Endless(String piece) implements Answer {
    }

    /** One tool call; {@code arguments} is what goes into the JSON string field, verbatim. */
    public record Call(String id, String name, String arguments) {
    }

    /**
     * One answered exchange as the server saw it, in {@link System#nanoTime()}: the request's arrival (its
     * headers) and the moment the answer's last byte was written to the socket. A node in the same process can
     * subtract this span, the "model's" time, from its own (the benchmark of the node's overhead).
     *
     * @param toolResults whether the request carried tool results (the second exchange of a turn)
     */
    public record Exchange(long receivedNanos, long writtenNanos, boolean toolResults) {

        public double millis() {
            return (writtenNanos - receivedNanos) / 1e6;
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private volatile Script script = request -> text("ok");

    private ScriptedModelServer(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static ScriptedModelServer start(Vertx vertx) throws Exception {
        return new ScriptedModelServer(vertx);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    public void script(Script script) {
        this.script = script;
    }

    /** Every request body received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /**
     * Waits until at least {@code count} exchanges have been answered since the last call (or {@code timeout}
     * has passed), then returns those answered and forgets them. The wait is needed because the server notes an
     * answer as written on its own event loop, which may run just after the client has read the answer.
     */
    public List<Exchange> takeExchanges(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (exchanges) {
            for (long left = timeout.toNanos(); exchanges.size() < count && left > 0;
                    left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(exchanges, left);
            }
            List<Exchange> taken = List.copyOf(exchanges);
            exchanges.clear();
            return taken;
        }
    }

    public static Answer text(String content) {
        return new Json(content, List.of(), "stop");
    }

    public static Answer calls(Call... calls) {
        return new Json(null, List.of(calls), "tool_calls");
    }

    public static Call call(String id, String name, String arguments) {
        return new Call(id, name, arguments);
    }

    /** Whether the request already carries tool results (the second exchange of a turn). */
    public static boolean hasToolResults(JsonNode request) {
        for (JsonNode message : request.path("messages")) {
            if ("tool".equals(message.path("role").asText())) {
                return true;
            }
        }
        return false;
    }

    private void handle(HttpServerRequest request) {
        long received = System.nanoTime();
        if (request.method() != io.vertx.core.http.HttpMethod.POST || !request.path().equals("/v1/chat/completions")) {
            request.response().setStatusCode(404).end("{\"error\":{\"message\":\"no such endpoint\"}}");
            return;
        }
        authorizations.add(String.valueOf(request.getHeader("authorization")));
        request.body().onSuccess(body -> {
            JsonNode json;
            try {
                json = JSON.readTree(body.toString());
            } catch (IOException e) {
                request.response().setStatusCode(400).end("{\"error\":{\"message\":\"bad json\"}}");
                return;
            }
            requests.add(json);
            boolean toolResults = hasToolResults(json);
            request.response().bodyEndHandler(written -> {
                synchronized (exchanges) {
                    exchanges.add(new Exchange(received, System.nanoTime(), toolResults));
                    exchanges.notifyAll();
                }
            });
            answer(request.response(), script.apply(json), json.path("stream").asBoolean(false));
        });
    }

    private void answer(HttpServerResponse response, Answer answer, boolean stream) {
        if (answer instanceof Delayed delayed) {
            vertx.setTimer(delayed.millis(), t -> answer(response, delayed.answer(), stream));
        } else if (answer instanceof Raw raw) {
            response.setStatusCode(raw.status()).putHeader("content-type", raw.contentType()).end(raw.body());
        } else if (answer instanceof Json json) {
            if (stream) {
                response.setChunked(true).putHeader("content-type", "text/event-stream");
                for (ObjectNode chunk : chunks(json)) {
                    response.write("data: " + chunk + "\n\n");
                }
                response.end("data: [DONE]\n\n");
            } else {
                response.putHeader("content-type", "application/json").end(whole(json).toString());
            }
        }
        if (answer instanceof Endless endless) {
            response.setChunked(true).putHeader("content-type", "text/event-stream");
            ObjectNode chunk = chunk(delta -> delta.put("content", endless.piece()), null);
            String event = "data: " + chunk + "\n\n";
            vertx.setPeriodic(1, timer -> {
                if (response.closed() || response.ended()) {
                    vertx.cancelTimer(timer);
                } else if (!response.writeQueueFull()) {
                    response.write(event);
                }
            });
        }
        // Hang: keep the exchange open; the client's deadline must end it.
    }

    /** A non-streamed chat.completion object. */
    static ObjectNode whole(Json answer) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode message = nodes.objectNode().put("role", "assistant");
        if (answer.content() == null) {
            message.putNull("content");
        } else {
            message.put("content", answer.content());
        }
        if (!answer.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (Call call : answer.calls()) {
                ObjectNode node = calls.addObject().put("id", call.id()).put("type", "function");
                node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        ObjectNode body = nodes.objectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "scripted");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", answer.finishReason());
        return body;
    }

    /**
     * chat.completion.chunk objects as OpenAI streams them: the role first, content in pieces, each tool call's
     * id and name in its first piece and its arguments split into short pieces, then the finish reason.
     */
    static List<ObjectNode> chunks(Json answer) {
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(delta -> delta.put("role", "assistant").put("content", ""), null));
        String content = answer.content() == null ? "" : answer.content();
        for (int i = 0; i < content.length(); i += 5) {
            String piece = content.substring(i, Math.min(content.length(), i + 5));
            chunks.add(chunk(delta -> delta.put("content", piece), null));
        }
        for (int index = 0; index < answer.calls().size(); index++) {
            Call call = answer.calls().get(index);
            int callIndex = index;
            chunks.add(chunk(delta -> {
                ObjectNode node = delta.putArray("tool_calls").addObject().put("index", callIndex).put("id", call.id())
                        .put("type", "function");
                node.putObject("function").put("name", call.name()).put("arguments", "");
            }, null));
            String arguments = call.arguments();
            for (int i = 0; i < arguments.length(); i += 4) {
                String piece = arguments.substring(i, Math.min(arguments.length(), i + 4));
                chunks.add(chunk(delta -> delta.putArray("tool_calls").addObject().put("index", callIndex)
                        .putObject("function").put("arguments", piece), null));
            }
        }
        chunks.add(chunk(delta -> { }, answer.finishReason()));
        return chunks;
    }

    private static ObjectNode chunk(java.util.function.Consumer<ObjectNode> fill, String finishReason) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode chunk = nodes.objectNode().put("id", "chatcmpl-test").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", "scripted");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        fill.accept(delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
