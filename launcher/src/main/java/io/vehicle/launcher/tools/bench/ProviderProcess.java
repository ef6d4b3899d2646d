package io.vehicle.launcher.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vehicle.launcher.process.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code bench-provider} as a second JVM, driven by one command line and one JSON answer at a time. */
final class ProviderProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;
    private final ObjectMapper json = new ObjectMapper();

    ProviderProcess(int sdPort, String timings) throws IOException {
        List<String> jvmOptions = ChildJvm.providerOptions(List.of("-Xmx512m", "-Dio.netty.leakDetection.level=disabled"));
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(jvmOptions,
                List.of("bench-provider", "--sd-port", Integer.toString(sdPort), "--timings", timings)));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        process = builder.start();
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    long pid() {
        return process.pid();
    }

    /** Sends one command and returns its answer; an answer with "error" becomes an exception. */
    JsonNode ask(String command) throws IOException {
        commands.println(command);
        String line = answers.readLine();
        while (line != null && !line.startsWith("{")) {
            System.err.println("bench-provider: " + line); // the JVM's own messages (JFR, say)
            line = answers.readLine();
        }
        if (line == null) {
            throw new IOException("bench-provider exited while answering '" + command + "'");
        }
        JsonNode answer = json.readTree(line);
        if (answer.has("error")) {
            throw new IOException("bench-provider: " + answer.get("error").asText());
        }
        return answer;
    }

    @Override
    public void close() throws InterruptedException {
        commands.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
