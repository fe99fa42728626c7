import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live-stream load for bench/run.sh (run with JDK 21+: one virtual thread per stream). Opens N idle streams, one per
 * conversation, prints READY and waits for the go file (the script measures the service's heap meanwhile), then posts
 * M messages to random conversations one at a time and reports the latency from sending each post to receiving its
 * event on the stream.
 *
 * Usage: java StreamLoad.java HOST PORT STREAMS POSTS GO_FILE
 */
public class StreamLoad {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int streams = Integer.parseInt(args[2]);
        int posts = Integer.parseInt(args[3]);
        Path go = Path.of(args[4]);
        String run = Long.toString(System.currentTimeMillis(), 36);

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch open = new CountDownLatch(streams);
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> refusals = new ConcurrentHashMap<>();
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < streams; i++) {
            String conversation = "bench-stream-" + run + "-" + i;
            Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket(host, port)) {
                    sockets.add(socket);
                    socket.getOutputStream().write(("GET /v1/conversations/" + conversation + "/stream HTTP/1.0\r\n"
                            + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    boolean counted = false;
                    String status = in.readLine();
                    for (String line = status; line != null; line = in.readLine()) {
                        if (!counted && line.startsWith(":stream of")) {
                            counted = true;
                            open.countDown();
                        } else if (line.startsWith("id:")) {
                            Long start = sentAt.remove(conversation + "#" + line.substring(3).trim());
                            if (start != null) {
                                latencies.add(System.nanoTime() - start);
                            }
                        }
                    }
                    if (!counted) {
                        // refused (a 4xx or 503) or closed before it opened: a failure, never a wait for the timeout
                        refusals.merge(String.valueOf(status), 1, Integer::sum);
                        failed.incrementAndGet();
                        open.countDown();
                    }
                } catch (Exception ex) {
                    refusals.merge(ex.getClass().getSimpleName(), 1, Integer::sum);
                    failed.incrementAndGet();
                    open.countDown();
                }
            });
        }
        if (!open.await(120, TimeUnit.SECONDS)) {
            System.out.println("TIMEOUT opening streams; open=" + (streams - open.getCount()));
        }
        System.out.println("READY streams=" + (streams - failed.get()) + " failed=" + failed.get()
                + (refusals.isEmpty() ? "" : " refusals=" + refusals));
        while (!Files.exists(go)) {
            Thread.sleep(100);
        }

        HttpClient http = HttpClient.newHttpClient();
        int[] seqs = new int[streams];
        for (int p = 0; p < posts; p++) {
            int target = ThreadLocalRandom.current().nextInt(streams);
            String conversation = "bench-stream-" + run + "-" + target;
            seqs[target]++;
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://" + host + ":" + port + "/v1/conversations/" + conversation + "/messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"senderId\":\"alice\",\"body\":\"fan-out " + p + "\"}"))
                    .build();
            sentAt.put(conversation + "#" + seqs[target], System.nanoTime());
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (latencies.size() < posts && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("FANOUT delivered=%d of %d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", sorted.size(), posts,
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0));
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }
}
