package dev.chatsequencer.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Server-Sent Events client for tests: reads one stream on its own thread and keeps every event it parsed. It
 * speaks HTTP/1.0 over a plain socket, so the body arrives unchunked and {@link #close()} really hangs up, the way a
 * client that goes away does.
 */
public final class SseTestClient implements AutoCloseable {

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Socket socket;
    private final BufferedReader body;
    private volatile boolean ended;

    private SseTestClient(Socket socket, BufferedReader body) {
        this.socket = socket;
        this.body = body;
        Thread reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code url}, sending {@code lastEventId} as the Last-Event-ID header unless it is null. */
    public static SseTestClient open(String url, String lastEventId) throws IOException {
        return open(url, lastEventId, new String[0]);
    }

    /** Opens {@code url} with further headers: name, value, name, value... */
    public static SseTestClient open(String url, String lastEventId, String... headers) throws IOException {
        URI uri = URI.create(url);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + target + " HTTP/1.0\r\nHost: " + uri.getHost() + "\r\n"
                + "Accept: text/event-stream\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request += headers[i] + ": " + headers[i + 1] + "\r\n";
        }
        request += "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        BufferedReader body = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
        String status = body.readLine();
        if (status == null || !status.contains(" 200")) {
            socket.close();
            throw new IllegalStateException("Stream answered " + status);
        }
        for (String header = body.readLine(); header != null && !header.isEmpty(); header = body.readLine()) {
            // headers are not needed
        }
        return new SseTestClient(socket, body);
    }

    public List<Event> events() {
        return events;
    }

    public List<String> comments() {
        return comments;
    }

    /** True once the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void read() {
        try (BufferedReader lines = body) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (IOException ex) {
            // closed by the test
        } finally {
            ended = true;
        }
    }

    /** One parsed event. */
    public record Event(String id, String name, String data) {
    }
}
