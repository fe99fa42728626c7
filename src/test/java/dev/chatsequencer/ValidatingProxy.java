package dev.chatsequencer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stoplight Prism in proxy mode in front of one instance: every answer goes through it and is checked against the
 * API description the instance itself serves at {@code /v3/api-docs}, as integrators' validating proxies do. Prism
 * is the one {@code .ci/run} installs under {@code .ci/tools}; where it is missing, tests that need it are skipped.
 */
public final class ValidatingProxy implements AutoCloseable {

    static final Path PRISM = Path.of(".ci/tools/node_modules/.bin/prism");

    private final Process process;
    private final int port;
    private final List<String> log = new CopyOnWriteArrayList<>();

    private ValidatingProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether Prism is installed where {@code .ci/run} puts it. */
    public static boolean available() {
        return Files.isExecutable(PRISM);
    }

    /** Starts Prism on a free port in front of {@code upstream} (e.g. {@code http://localhost:8080}). */
    public static ValidatingProxy start(String upstream) throws IOException, InterruptedException {
        Path document = Files.createTempFile("api-docs", ".json");
        document.toFile().deleteOnExit();
        HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(upstream + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        Files.writeString(document, served.body());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder(PRISM.toString(), "proxy", document.toString(), upstream, "--host",
                "127.0.0.1", "--port", Integer.toString(port), "--errors", "false").redirectErrorStream(true).start();
        ValidatingProxy proxy = new ValidatingProxy(process, port);
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    proxy.log.add(line);
                    if (line.contains("Prism is listening")) {
                        listening.countDown();
                    }
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }, "prism-log");
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(60, TimeUnit.SECONDS)) {
            proxy.close();
            throw new IllegalStateException("Prism did not start: " + proxy.log);
        }
        return proxy;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Every answer Prism found different from the API description, as it logged them (request problems aside). */
    public List<String> responseViolations() {
        return log.stream().filter(line -> line.contains("Violation: response")).toList();
    }

    /** Everything Prism logged, for a failure's message. */
    public List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
