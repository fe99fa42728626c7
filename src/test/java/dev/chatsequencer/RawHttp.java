package dev.chatsequencer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP/1.1 connection over a plain socket, for tests that must behave as no well-mannered client does: send
 * malformed bytes, trickle a body, never read, or come from another loopback address (127.0.0.2 is another client).
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static RawHttp connect(int port) throws IOException {
        return connect("127.0.0.1", port, 0);
    }

    /**
     * @param localAddress the loopback address the connection comes from
     * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system's: a small one makes a client
     *     that never reads stall the server quickly
     */
    public static RawHttp connect(String localAddress, int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(10_000);
        return new RawHttp(socket);
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Reads one response: status line and headers, then its body (by Content-Length, chunked, or up to a close the
     * server announced); an event stream's body never ends, so it is left unread.
     */
    public Response read() throws IOException {
        String head = readHead();
        Response response = new Response(head, "");
        String length = response.header("Content-Length");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String type = response.header("Content-Type");
        if (type != null && type.startsWith("text/event-stream")) {
            return response;
        } else if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))) {
            for (int size = Integer.parseInt(readLine(), 16); size > 0; size = Integer.parseInt(readLine(), 16)) {
                body.write(in.readNBytes(size));
                readLine();
            }
            readLine();
        } else if ("close".equalsIgnoreCase(response.header("Connection"))) {
            in.transferTo(body);
        }
        return new Response(head, body.toString(StandardCharsets.UTF_8));
    }

    /** Reads the status line and headers only (e.g. of a stream, whose body never ends). */
    public String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed after " + head.size() + " bytes of response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString().trim();
    }

    /** True when the server closed the connection (end of stream) within {@code patience}. */
    public boolean closedByServerWithin(Duration patience) throws IOException {
        socket.setSoTimeout((int) patience.toMillis());
        try {
            while (in.read() >= 0) {
                // drain whatever is left
            }
            return true;
        } catch (java.net.SocketTimeoutException ex) {
            return false;
        } catch (IOException ex) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response as read off the wire. */
    public record Response(String head, String body) {

        public int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
