package dev.chatsequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.redis.EmbeddedRedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the walkthrough as a newcomer would paste it into one terminal, the README's first conversation and then
 * the guides that continue it ({@code docs/api.md}, {@code docs/authentication.md}, {@code docs/redis.md}): every
 * {@code curl} and {@code redis-cli} step between the walkthrough markers, in order, with the real tools, against
 * the development run of {@code spring-boot:test-run} (its embedded Redis on a free port and empty), and compares
 * what they print with the output shown under them (times, dates and random tokens and ids aside).
 *
 * <p>A {@code bash} block is a step; the block right after it, if any, is its output. A {@code text} block of
 * {@code $ command} lines is a transcript: each command's output follows it, and {@code  # ...} annotations and
 * comment lines are not output. Only the addresses change: {@code localhost:8080} and {@code -p 6390} become the test
 * instance's. Where {@code curl} or {@code redis-cli} is missing the test is skipped and says so; {@code .ci/run}
 * installs them.
 */
class ReadmeWalkthroughIT {

    static final Path README = Path.of("README.md");
    /** The guides the walkthrough continues through, in reading order. */
    static final List<Path> GUIDES = List.of(Path.of("docs/api.md"), Path.of("docs/authentication.md"),
            Path.of("docs/redis.md"));
    static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```\\n");
    static final Pattern ANNOTATION = Pattern.compile("\\s{2,}# .*$");

    @Test
    void everyStepPrintsWhatTheReadmeShows() throws Exception {
        walkthrough(false);
    }

    /**
     * The walkthrough once more through a validating proxy that checks every answer against the API description the
     * instance serves: what a newcomer sees is what the document promises. Headers and timing differ through the
     * proxy, so the printed output is compared in the run above only.
     */
    @Test
    void everyAnswerOfTheWalkthroughMatchesTheApiDescription() throws Exception {
        assumeTrue(ValidatingProxy.available(), "Prism is not installed under .ci/tools (bash .ci/run installs it): "
                + "the validating proxy run is skipped");
        walkthrough(true);
    }

    private void walkthrough(boolean throughProxy) throws Exception {
        assumeTrue(SystemTools.installed("curl") && SystemTools.installed("redis-cli"),
                "curl or redis-cli is not installed (apt-get install curl redis-tools): README walkthrough skipped");
        StringBuilder guides = new StringBuilder();
        for (Path guide : GUIDES) {
            guides.append(Files.readString(guide)).append('\n');
        }
        String walkthrough = marked(Files.readString(README)) + marked(guides.toString());
        try (ConfigurableApplicationContext instance = TestSequencerApplication.builder()
                .run("--server.port=0", "--chat.redis.embedded.port=0", "--chat.redis.embedded.data-dir=");
                ValidatingProxy proxy = throughProxy ? ValidatingProxy.start(TestInstances.baseUrl(instance))
                        : null) {
            int redisPort = instance.getBean(EmbeddedRedisServer.class).port();
            Addresses addresses = new Addresses(proxy != null ? proxy.port() : TestInstances.port(instance),
                    redisPort);
            List<Step> steps = steps(walkthrough);
            assertThat(steps).hasSizeGreaterThan(10);
            Path variables = Files.createTempFile("walkthrough", ".env");
            for (Step step : steps) {
                String actual = run(addresses.apply(step.command()), variables);
                if (proxy == null && step.expected() != null) {
                    assertThat(normalize(actual, step.sorted())).as("README step:\n%s", step.command())
                            .isEqualTo(normalize(step.expected(), step.sorted()));
                }
            }
            if (proxy != null) {
                assertThat(proxy.responseViolations()).as(String.join("\n", proxy.log())).isEmpty();
            }
        }
    }

    /** The steps in README order: bash blocks with the block after them, then the commands of transcripts. */
    static List<Step> steps(String markdown) {
        List<Step> steps = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        int from = 0;
        while (block.find(from)) {
            from = block.end();
            String language = block.group(1);
            String body = block.group(2);
            if (language.equals("bash")) {
                Matcher next = BLOCK.matcher(markdown);
                String expected = null;
                if (next.find(block.end()) && markdown.substring(block.end(), next.start()).isBlank()
                        && !next.group(1).equals("bash")) {
                    expected = next.group(2);
                    from = next.end();
                }
                steps.add(new Step(body, expected, false));
            } else if (language.equals("text") && body.startsWith("$ ")) {
                steps.addAll(transcript(body));
            }
        }
        return steps;
    }

    /** The part of {@code text} between the walkthrough markers. */
    private static String marked(String text) {
        int start = text.indexOf("<!-- walkthrough:start -->");
        int end = text.indexOf("<!-- walkthrough:end -->");
        assertThat(start).as("walkthrough markers").isNotNegative().isLessThan(end);
        return text.substring(start, end);
    }

    private static List<Step> transcript(String body) {
        List<Step> steps = new ArrayList<>();
        String command = null;
        StringBuilder output = new StringBuilder();
        for (String line : (body + "$ \n").split("\n")) {
            if (line.startsWith("$ ")) {
                if (command != null) {
                    steps.add(new Step(command, output.toString(), command.contains("--scan")));
                }
                command = ANNOTATION.matcher(line.substring(2)).replaceAll("");
                output.setLength(0);
            } else if (!line.startsWith("#")) {
                output.append(ANNOTATION.matcher(line).replaceAll("")).append('\n');
            }
        }
        return steps;
    }

    /**
     * Runs one step as the next command of one terminal session: the shell variables earlier steps set (e.g. a
     * group's id) are kept in {@code variables} between steps.
     */
    private static String run(String command, Path variables) throws IOException, InterruptedException {
        String session = "set -a; . '" + variables + "'\n" + command + "\nexport -p > '" + variables + "'";
        Process process = new ProcessBuilder("bash", "-c", session).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("step finished: %s", command).isTrue();
        return output;
    }

    /**
     * Times, dates, random tokens and rate-limit budgets differ from run to run; line ends, trailing blanks and SCAN
     * order do not count.
     */
    static String normalize(String text, boolean sorted) {
        String normalized = text.replace("\r\n", "\n")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
                .replaceAll("(?m)^Date: .*$", "Date: <date>")
                // what is left of a rate-limit budget depends on how fast the steps are pasted
                .replaceAll(";r=\\d+;t=\\d+", ";r=<left>;t=<refill>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<token>")
                // a group's id is random
                .replaceAll("gr_[0-9a-f]{32}", "gr_<random>");
        List<String> lines = new ArrayList<>(Arrays.stream(normalized.split("\n")).map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (sorted) {
            lines.sort(null);
        }
        return String.join("\n", lines);
    }

    /** One command and what it must print ({@code null}: not shown, only run); {@code sorted} for SCAN's order. */
    record Step(String command, String expected, boolean sorted) {
    }

    /**
     * Points the README's commands at the test instance and its Redis. redis-cli prints to a pipe in its raw format;
     * {@code --no-raw} gives the format a terminal shows. A stream never ends by itself, so its curl stops after 3 s.
     */
    record Addresses(int port, int redisPort) {

        String apply(String command) {
            return command.replace("localhost:8080", "localhost:" + port)
                    .replace("redis-cli -p 6390", "redis-cli --no-raw -p " + redisPort)
                    .replace("curl -N", "curl -N --max-time 3");
        }
    }
}
