package io.vehicle.assistant.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vehicle.assistant.gateway.ValueCodec;
import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.IntentEngine;
import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.assistant.intent.VehicleState;
import io.vehicle.assistant.pipeline.Interpretation;
import io.vehicle.assistant.pipeline.Interpreter;
import io.vehicle.assistant.reply.ActionResult;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an utterance with a language model behind an OpenAI-compatible endpoint, the offline engine standing by.
 *
 * <p>The model gets the rules, the current values as data, the session's recent exchanges and the tools this
 * node may use. Its answer is untrusted: tool calls pass the {@link ToolCallValidator}; a call on a guarded
 * signal must be asked for in the driver's own words ({@link Grounding}); what passes is only a proposal for the
 * gateway's policy. When the model is slow, unreachable, answers in a broken format, or every call it makes is
 * refused, the offline engine reads the utterance instead and the fallback reason says why. After the writes, the
 * results go back to the model for the final sentence ({@link Interpretation.FinalWording}), which the node uses
 * only when it passes {@link ReplyCheck}.
 */
public final class LlmInterpreter implements Interpreter {

    private static final Logger LOG = LoggerFactory.getLogger(LlmInterpreter.class);
    /** Exchanges of a session the model sees again. */
    private static final int HISTORY_EXCHANGES = 4;

    private final ChatCompletionClient client;
    private final LlmSettings settings;
    private final IntentEngine offline;
    private final Grounding grounding;
    private final Supplier<ToolCatalog> tools;
    private final Map<Conversation, Deque<ObjectNode>> histories = new WeakHashMap<>();

    public LlmInterpreter(ChatCompletionClient client, IntentEngine offline, Supplier<ToolCatalog> tools) {
        this.client = client;
        this.settings = client.settings();
        this.offline = offline;
        this.grounding = new Grounding(offline);
        this.tools = tools;
    }

    @Override
    public Interpretation interpret(String utterance, Conversation conversation, VehicleState state) {
        long start = System.nanoTime();
        long deadline = start + settings.deadline().toNanos();
        Language language = Language.of(utterance);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model", settings.model());
        ToolCatalog catalog;
        try {
            catalog = tools.get();
        } catch (RuntimeException e) {
            return fallback(utterance, conversation, state, "llm: no tools (" + e.getMessage() + ")", details);
        }
        ObjectNode request = ModelPrompt.request(settings.model(), utterance, state, history(conversation), catalog);
        details.put("prompt_ms", (System.nanoTime() - start) / 1e6);
        ModelAnswer answer;
        long asked = System.nanoTime();
        try {
            answer = await(client.complete(request, deadline), deadline);
        } catch (ModelFailure e) {
            details.put("model_ms", (System.nanoTime() - asked) / 1e6);
            return fallback(utterance, conversation, state, "llm: " + e.getMessage(), details);
        }
        long answered = System.nanoTime();
        details.put("model_ms", (answered - asked) / 1e6);
        details.put("streamed", answer.streamed());
        details.put("finish_reason", answer.finishReason());
        details.put("tool_calls", answer.toolCalls().size() + answer.droppedCalls());

        ToolCallValidator.Verdict verdict = new ToolCallValidator(catalog, settings.maxToolCalls()).check(answer);
        List<ToolCallValidator.AcceptedCall> accepted = new ArrayList<>();
        List<ToolCallValidator.RefusedCall> refused = new ArrayList<>(verdict.refused());
        List<ProposedAction> driverAsked = null;
        for (ToolCallValidator.AcceptedCall call : verdict.accepted()) {
            ToolCatalog.Tool tool = catalog.byName(call.toolName()).orElseThrow();
            if (tool.guarded()) {
                if (driverAsked == null) {
                    driverAsked = grounding.readDriver(utterance, state);
                }
                if (!Grounding.grounded(call.action(), driverAsked)) {
                    refused.add(new ToolCallValidator.RefusedCall(call.callId(), call.toolName(), tool.signal().path()
                            + " = " + call.action().value() + " is guarded and the driver's words do not ask for it",
                            null));
                    continue;
                }
            }
            accepted.add(call);
        }
        if (!refused.isEmpty()) {
            details.put("refused_calls", refused.stream().map(r -> Map.of("id", r.callId(), "tool", r.toolName(),
                    "reason", r.reason())).toList());
            LOG.warn("model {} made {} refused tool call(s), first: {} ({})", settings.model(), refused.size(),
                    refused.get(0).reason(), refused.get(0).toolName());
        }
        details.put("checks_ms", (System.nanoTime() - answered) / 1e6);
        String engine = settings.engineName();
        if (accepted.isEmpty()) {
            if (!refused.isEmpty()) {
                return fallback(utterance, conversation, state, "llm: " + refused.size() + " tool call(s) refused ("
                        + refused.get(0).reason() + ")", details);
            }
            Optional<String> text = ReplyCheck.accept(answer.content(), language);
            if (text.isEmpty()) {
                return fallback(utterance, conversation, state, "llm: the answer has neither tool calls nor a usable"
                        + " reply", details);
            }
            // No action: a question back, or the model's word that it cannot help.
            boolean question = text.get().endsWith("?") || text.get().endsWith("？");
            Understanding understanding = question ? Understanding.clarify(language, text.get(), engine)
                    : Understanding.notUnderstood(language, engine);
            conversation.remember(utterance, understanding);
            remember(conversation, utterance, text.get());
            return new Interpretation(understanding, "", 0f, Interpretation.FinalWording.NONE, List.of(), details);
        }
        Understanding understanding = Understanding.actions(language,
                accepted.stream().map(ToolCallValidator.AcceptedCall::action).toList(), engine);
        conversation.remember(utterance, understanding);
        remember(conversation, utterance, "Proposed " + accepted.stream().map(c -> c.toolName() + "("
                + c.action().value() + ")").toList());
        List<ActionResult> refusals = refused.stream().map(ToolCallValidator.RefusedCall::result)
                .filter(r -> r != null).toList();
        Interpretation.FinalWording wording = results -> finalWording(request, answer, accepted, refused, results,
                language);
        return new Interpretation(understanding, "", 0f, wording, refusals, details);
    }

    /** The offline engine's reading, told apart by the fallback reason. */
    private Interpretation fallback(String utterance, Conversation conversation, VehicleState state, String reason,
            Map<String, Object> details) {
        LOG.info("offline engine answers instead of {}: {}", settings.model(), reason);
        Understanding understanding = offline.understand(utterance, conversation, state);
        return new Interpretation(understanding, reason, 0f, Interpretation.FinalWording.NONE, List.of(), details);
    }

    /**
     * The second exchange: the model's calls and their results go back, the model words one sentence. Any tool
     * call in this answer is ignored (nothing more is executed in a turn).
     */
    private Optional<String> finalWording(ObjectNode request, ModelAnswer answer,
            List<ToolCallValidator.AcceptedCall> accepted, List<ToolCallValidator.RefusedCall> refused,
            List<ActionResult> results, Language language) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        // The first request and its messages stay as they were sent; the follow-up shares their (unchanged)
        // parts rather than copying them, the tools above all.
        ObjectNode followUp = request.objectNode().setAll(request);
        ArrayNode messages = followUp.putArray("messages").addAll((ArrayNode) request.get("messages"));
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        if (answer.content().isEmpty()) {
            assistant.putNull("content");
        } else {
            assistant.put("content", answer.content());
        }
        ArrayNode calls = assistant.putArray("tool_calls");
        List<ObjectNode> toolMessages = new ArrayList<>();
        for (ToolCallValidator.AcceptedCall call : accepted) {
            calls.add(callNode(call.callId(), call.toolName(), argumentsOf(answer, call.callId())));
            ActionResult result = results.stream().filter(r -> r.path().equals(call.action().path())).findFirst()
                    .orElse(null);
            ObjectNode content = nodes.objectNode().put("path", call.action().path());
            if (result == null) {
                content.put("status", "not_written");
            } else {
                content.put("status", result.status().name().toLowerCase(Locale.ROOT));
                content.putPOJO("value", ValueCodec.forJson(result.value()));
                if (!result.reason().isEmpty()) {
                    content.put("reason", result.reason());
                }
                if (result.ecuError() != null) {
                    content.putObject("ecu_error").put("name", result.ecuError().name())
                            .put("description", result.ecuError().description());
                }
            }
            toolMessages.add(nodes.objectNode().put("role", "tool").put("tool_call_id", call.callId())
                    .put("content", content.toString()));
        }
        for (ToolCallValidator.RefusedCall call : refused) {
            // Only calls the server can recognise again (a clean id and a known name) are answered.
            if (call.callId().matches("[A-Za-z0-9_.:-]{1,100}") && call.toolName().matches("[a-z0-9_]{1,64}")) {
                calls.add(callNode(call.callId(), call.toolName(), argumentsOf(answer, call.callId())));
                toolMessages.add(nodes.objectNode().put("role", "tool").put("tool_call_id", call.callId())
                        .put("content", nodes.objectNode().put("status", "refused").put("reason", call.reason())
                                .toString()));
            }
        }
        toolMessages.forEach(messages::add);
        followUp.put("tool_choice", "none");
        long deadline = System.nanoTime() + settings.replyDeadline().toNanos();
        Optional<String> text;
        try {
            ModelAnswer worded = await(client.complete(followUp, deadline), deadline);
            if (!worded.toolCalls().isEmpty()) {
                LOG.warn("model {} made {} tool call(s) after the results; none is executed", settings.model(),
                        worded.toolCalls().size());
            }
            text = ReplyCheck.accept(worded.content(), language);
        } catch (ModelFailure e) {
            LOG.info("model {} gave no final reply: {}", settings.model(), e.getMessage());
            text = Optional.empty();
        }
        return text;
    }

    private static ObjectNode callNode(String id, String name, String arguments) {
        ObjectNode call = JsonNodeFactory.instance.objectNode().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    private static String argumentsOf(ModelAnswer answer, String callId) {
        return answer.toolCalls().stream().filter(c -> c.id().equals(callId)).findFirst().map(ModelToolCall::arguments)
                .filter(JsonNode::isTextual).map(JsonNode::asText).orElse("{}");
    }

    private List<ObjectNode> history(Conversation conversation) {
        synchronized (histories) {
            Deque<ObjectNode> history = histories.get(conversation);
            return history == null ? List.of() : List.copyOf(history);
        }
    }

    private void remember(Conversation conversation, String utterance, String reply) {
        synchronized (histories) {
            Deque<ObjectNode> history = histories.computeIfAbsent(conversation, c -> new ArrayDeque<>());
            history.addLast(JsonNodeFactory.instance.objectNode().put("role", "user").put("content", utterance));
            history.addLast(JsonNodeFactory.instance.objectNode().put("role", "assistant").put("content",
                    reply.isEmpty() ? "(done)" : reply));
            while (history.size() > 2 * HISTORY_EXCHANGES) {
                history.removeFirst();
            }
        }
    }

    /** Waits on a worker thread; the client's own timers end the exchange, this is the last guard. */
    private static ModelAnswer await(Future<ModelAnswer> future, long deadlineNanos) {
        long wait = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000) + 250;
        try {
            return future.toCompletionStage().toCompletableFuture().get(wait, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ModelFailure failure ? failure
                    : new ModelFailure(String.valueOf(e.getCause().getMessage()), false, e.getCause());
        } catch (TimeoutException e) {
            throw new ModelFailure("no answer within the deadline", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelFailure("interrupted", false);
        }
    }
}
