package io.vehicle.api.typed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of the generated typed API: handing a proxy or skeleton the wrong message type does
 * not compile. Snippets are compiled with javax.tools against the test classpath (the generated
 * classes included); the wrong ones must fail with an argument-mismatch diagnostic at the call.
 */
class TypedApiCompileErrorTest {

    private static final String IMPORTS = """
            package snippet;
            import io.vehicle.api.hvac.v1.HvacServiceProxy;
            import io.vehicle.api.windows.v1.WindowServiceSkeleton;
            import io.vehicle.idl.hvac.v1.ClimateSettings;
            import io.vehicle.idl.windows.v1.SunroofState;
            import io.vehicle.idl.windows.v1.WindowPositions;
            """;

    @TempDir
    Path out;

    private record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        String errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
        }
    }

    private Result compile(String body) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK compiler").isNotNull();
        String source = IMPORTS + "class Snippet {\n" + body + "\n}\n";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///snippet/Snippet.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Files.createDirectories(out);
        boolean ok = compiler.getTask(null, null, diagnostics, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"), null, List.of(file)).call();
        return new Result(ok, diagnostics.getDiagnostics());
    }

    @Test
    void correctTypesCompile() throws Exception {
        Result result = compile("""
                void call(HvacServiceProxy hvac) {
                    java.util.concurrent.CompletableFuture<ClimateSettings> f = hvac.setClimate(ClimateSettings.getDefaultInstance());
                }
                void publish(WindowServiceSkeleton windows) {
                    windows.updateWindows(WindowPositions.newBuilder().setRow1Driver(10).build());
                }
                """);
        assertThat(result.success()).as(result.errors()).isTrue();
        assertThat(new File(out.toFile(), "snippet/Snippet.class")).exists();
    }

    @Test
    void wrongRequestTypeOnAProxyIsACompileError() throws Exception {
        Result result = compile("""
                void call(HvacServiceProxy hvac) {
                    hvac.setClimate(WindowPositions.getDefaultInstance());
                }
                """);
        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("line 9: incompatible types")
                .contains("WindowPositions cannot be converted to io.vehicle.idl.hvac.v1.ClimateSettings");
    }

    @Test
    void wrongResponseTypeAndWrongFieldValueAreCompileErrors() throws Exception {
        Result result = compile("""
                void call(HvacServiceProxy hvac) {
                    java.util.concurrent.CompletableFuture<WindowPositions> f = hvac.getClimate();
                }
                void publish(WindowServiceSkeleton windows) {
                    windows.updateWindows(SunroofState.getDefaultInstance());
                }
                """);
        assertThat(result.success()).isFalse();
        String errors = result.errors();
        assertThat(errors).contains("line 9: incompatible types")
                .contains("CompletableFuture<io.vehicle.idl.hvac.v1.ClimateSettings> cannot be converted to")
                .contains("line 12:").contains("SunroofState cannot be converted to io.vehicle.idl.windows.v1.WindowPositions");
    }
}
