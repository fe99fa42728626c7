package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.RedisIntegrationTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The generated OpenAPI document, judged by the tools integrators run: Redocly's recommended rules and Spectral's
 * OpenAPI rules with no error, and openapi-generator validating it and generating a client from it. {@code .ci/run}
 * installs them under {@code .ci/tools}; where they are missing these tests are skipped and say so.
 */
@RedisIntegrationTest
class OpenApiLintIT {

    static final Path TOOLS = Path.of(".ci/tools/node_modules/.bin");

    @Autowired
    RestTestClient http;

    Path document;

    @BeforeEach
    void saveDocument() throws Exception {
        String json = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        document = Files.createDirectories(Path.of("target")).resolve("api-docs.json").toAbsolutePath();
        Files.writeString(document, json);
    }

    @Test
    void redoclyRecommendedRulesFindNoError() throws Exception {
        assertLintPasses("redocly", "lint", document.toString(), "--config",
                absolute("src/test/resources/openapi/redocly.yaml"));
    }

    @Test
    void spectralOpenApiRulesFindNoError() throws Exception {
        assertLintPasses("spectral", "lint", document.toString(), "--ruleset",
                absolute("src/test/resources/openapi/spectral.yaml"), "--fail-severity", "error");
    }

    /** openapi-generator validates before it generates: a document it refuses, no client can be made from. */
    @Test
    void openApiGeneratorAcceptsTheDocumentAndGeneratesAJavaClient() throws Exception {
        assertLintPasses("openapi-generator-cli", "validate", "-i", document.toString());
        assertLintPasses("openapi-generator-cli", "generate", "-i", document.toString(), "-g", "java",
                "--library", "native", "-o", absolute("target/generated-client"));
        Path models = Path.of("target/generated-client/src/main/java/org/openapitools/client/model");
        assertThat(models.resolve("MessageEntry.java")).content().contains("private Long seq;")
                .contains("private String body;");
        assertThat(models.resolve("ParticipantAddedEntry.java")).content().contains("private String userId;")
                .doesNotContain("private String body;");
        assertThat(models.resolve("TimelineEntry.java")).content().contains("MessageEntry")
                .contains("GroupCreatedEntry");
    }

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().toString();
    }

    private static void assertLintPasses(String tool, String... arguments) throws Exception {
        File executable = TOOLS.resolve(tool).toFile();
        assumeTrue(executable.canExecute(), tool + " is not installed under " + TOOLS + " (.ci/run installs it "
                + "with npm): lint skipped");
        List<String> command = new ArrayList<>(List.of(executable.getAbsolutePath()));
        if (tool.equals("openapi-generator-cli")) {
            // its version pin goes to target, not to the working tree
            command.addAll(List.of("--openapitools", absolute("target/openapitools.json")));
        }
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
