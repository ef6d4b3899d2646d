package io.vehicle.launcher.assistant;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.vehicle.assistant.node.AssistantNode;
import io.vehicle.idl.assistant.v1.AskRequest;
import io.vehicle.idl.assistant.v1.AssistantGrpcClient;
import io.vehicle.idl.assistant.v1.AssistantStep;
import io.vehicle.idl.assistant.v1.ConfirmRequest;
import io.vehicle.idl.assistant.v1.Outcome;
import io.vehicle.idl.assistant.v1.QuestionKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.client.GrpcClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vehicle ask "I'm a bit cold"}: a terminal client of a running assistant node. Prints every step as it
 * arrives (what was understood and by which engine, the policy's decisions, the writes and the ECUs' answers) and
 * the reply; answers a confirmation question with {@code --yes}/{@code --no} or at the terminal.
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Asks a running assistant node (vehicle assistant, vehicle demo) and prints its steps and reply.",
                "Exit status: 0 when the node answered (whatever the outcome), 1 when it could not be asked."})
public final class AskCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "What the driver says, in English or Chinese.")
    String text;

    @Option(names = "--node", defaultValue = "127.0.0.1:" + AssistantNode.Settings.DEFAULT_PORT,
            description = "The assistant node's address (default ${DEFAULT-VALUE}).")
    String node;

    @Option(names = "--session", defaultValue = "terminal", description = "Session id; the same id continues a "
            + "conversation (\"a bit warmer\") (default ${DEFAULT-VALUE}).")
    String session;

    @Option(names = "--yes", description = "Answer a confirmation question with yes.")
    boolean yes;

    @Option(names = "--no", description = "Answer a confirmation question with no.")
    boolean no;

    @Option(names = "--dry-run", description = "Stop after the policy's decision; write nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print each step as one line of JSON (the protobuf JSON mapping).")
    boolean json;

    @Option(names = "--timeout-ms", defaultValue = "30000", description = "Give up after this long "
            + "(default ${DEFAULT-VALUE}).")
    long timeoutMs;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (yes && no) {
            throw new IllegalArgumentException("--yes and --no exclude each other");
        }
        Vertx vertx = Vertx.vertx();
        try {
            AssistantGrpcClient client = AssistantGrpcClient.create(GrpcClient.client(vertx),
                    NodeOptions.address(node, "--node"));
            List<AssistantStep> steps = stream(vertx, () -> client.ask(AskRequest.newBuilder().setSessionId(session)
                    .setText(text).setDryRun(dryRun).build()));
            AssistantStep question = steps.stream().filter(s -> s.hasQuestion()
                    && s.getQuestion().getKind() == QuestionKind.QUESTION_KIND_CONFIRMATION).findFirst().orElse(null);
            if (question != null && outcome(steps) == Outcome.OUTCOME_NEEDS_CONFIRMATION) {
                Boolean answer = yes ? Boolean.TRUE : no ? Boolean.FALSE : askTerminal();
                if (answer != null) {
                    stream(vertx, () -> client.confirm(ConfirmRequest.newBuilder().setSessionId(session)
                            .setQuestionId(question.getQuestion().getQuestionId()).setAccept(answer)
                            .setCorrelationId(question.getCorrelationId()).build()));
                }
            }
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("vehicle ask: " + e.getCause().getMessage());
            return 1;
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("vehicle ask: no answer from " + node + " within " + timeoutMs + " ms");
            return 1;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Makes the call, prints the steps as they arrive and returns them once the stream ends. The call is made and
     * its handlers attached in one task of a Vert.x context, which delivers the steps and the end only after that
     * task: attached from this thread, they raced the event loop, which drops a step (or the end, and the command
     * waited out its timeout) that comes before its handler.
     */
    private List<AssistantStep> stream(Vertx vertx, Supplier<Future<ReadStream<AssistantStep>>> call)
            throws Exception {
        List<AssistantStep> steps = new ArrayList<>();
        CompletableFuture<List<AssistantStep>> done = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            try {
                call.get().onFailure(done::completeExceptionally).onSuccess(stream -> {
                    stream.handler(step -> {
                        steps.add(step);
                        print(step);
                    });
                    stream.exceptionHandler(done::completeExceptionally);
                    stream.endHandler(end -> done.complete(steps));
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private static Outcome outcome(List<AssistantStep> steps) {
        return steps.stream().filter(AssistantStep::hasReply).map(s -> s.getReply().getOutcome()).findFirst()
                .orElse(Outcome.OUTCOME_UNSPECIFIED);
    }

    private Boolean askTerminal() throws java.io.IOException {
        if (System.console() == null) {
            out.println("(answer with: vehicle ask --session " + session + " --yes|--no \"...\" to confirm)");
            return null;
        }
        out.print("yes/no? ");
        out.flush();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line != null && line.strip().toLowerCase().matches("y|yes|是|好|确认|对");
    }

    private void print(AssistantStep step) {
        if (json) {
            try {
                out.println(JsonFormat.printer().omittingInsignificantWhitespace().print(step));
            } catch (InvalidProtocolBufferException e) {
                out.println("{\"error\": \"cannot print a step\"}");
            }
            return;
        }
        out.println(StepText.of(step));
    }
}
