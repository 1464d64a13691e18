package org.furnacewatch.contract;

import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published artefacts pass the tools their readers use: openapi.yaml lints with no error under Redocly CLI's
 * recommended rules, and {@code /metrics} passes {@code promtool check metrics}. {@code .ci/run} installs both
 * (npm {@code @redocly/cli}, Debian {@code prometheus}); under CI a missing tool fails, elsewhere the check is skipped.
 */
class ToolingChecksTest {

    @Test
    void openApi_lintsWithoutErrors_underRedoclyRecommended() throws Exception {
        String redocly = tool("REDOCLY", "redocly");
        Result r = run(List.of(redocly, "lint", "--extends=recommended", "--format=stylish", "src/main/resources/openapi.yaml"), null);
        assertEquals(0, r.exit, r.output);
        assertTrue(!r.output.contains(" error "), r.output);
    }

    @Test
    void metrics_passPromtoolCheckMetrics() throws Exception {
        String promtool = tool("PROMTOOL", "promtool");
        Api.Answer metrics = new Api("http://127.0.0.1:" + TestService.get().httpPort(), null).get("/metrics");
        assertEquals(200, metrics.status());
        Result r = run(List.of(promtool, "check", "metrics"), metrics.body());
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.isBlank(), "promtool reports problems:\n" + r.output);
    }

    /** The tool's path: the environment variable {@code name} if set, else the first {@code command} on PATH. */
    private static String tool(String name, String command) {
        String explicit = System.getenv(name);
        if (explicit != null && !explicit.isBlank()) return explicit;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) return p.toString();
        }
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) throw new AssertionError(command + " is not installed: .ci/run must install it");
        Assumptions.abort(command + " not installed here (set " + name + " or put it on PATH); CI installs it");
        return null;
    }

    record Result(int exit, String output) {}

    private static Result run(List<String> command, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().put("REDOCLY_TELEMETRY", "off");
        pb.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process p = pb.start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
        return new Result(p.exitValue(), out);
    }
}
