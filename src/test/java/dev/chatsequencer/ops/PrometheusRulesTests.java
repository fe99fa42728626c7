package dev.chatsequencer.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.SystemTools;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus configuration, checked by the real {@code promtool}: the config and rules load, and each
 * alert's unit tests in {@code rules_test.yml} pass. {@code .ci/run} installs promtool (Debian's prometheus
 * package); where it is missing these tests are skipped and say so.
 */
class PrometheusRulesTests {

    static final Path PROMETHEUS = Path.of("src/ops/prometheus");

    @Test
    void configAndRulesLoad() throws Exception {
        assertPromtoolSucceeds("check", "config", "prometheus.yml");
    }

    @Test
    void everyAlertFiresWhenItShouldAndStaysSilentOtherwise() throws Exception {
        assertPromtoolSucceeds("test", "rules", "rules_test.yml");
    }

    private static void assertPromtoolSucceeds(String... arguments) throws Exception {
        String promtool = SystemTools.find("promtool").map(File::getPath).orElse(null);
        assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus): rule tests skipped");
        List<String> command = new ArrayList<>(List.of(promtool));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

}
