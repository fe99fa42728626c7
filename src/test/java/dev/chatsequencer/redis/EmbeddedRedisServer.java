package dev.chatsequencer.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import redis.embedded.RedisServer;

/**
 * A real redis-server child process (the binary shipped in the embedded-redis artifact) on loopback. It serves
 * development without an installed Redis, and the tests on machines without Docker.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final RedisServer server;
    private final int port;

    /**
     * Starts the server.
     *
     * @param port the port, or 0 for a free one
     * @param dataDir where the append-only file lives, or {@code null} to keep nothing on disk
     */
    public EmbeddedRedisServer(int port, Path dataDir) {
        this.port = port == 0 ? freePort() : port;
        try {
            var builder = RedisServer.newRedisServer().bind(HOST).port(this.port)
                    .setting("protected-mode yes")
                    .setting("maxmemory-policy noeviction")
                    .setting("save \"\"");
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setting("dir " + dataDir.toAbsolutePath())
                        .setting("appendonly yes")
                        .setting("appendfsync everysec");
            } else {
                builder.setting("appendonly no");
            }
            this.server = builder.build();
            this.server.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded redis-server on port " + this.port, ex);
        }
    }

    public int port() {
        return port;
    }

    public DataRedisConnectionDetails connectionDetails() {
        DataRedisConnectionDetails.Standalone standalone = DataRedisConnectionDetails.Standalone.of(HOST, port);
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return standalone;
            }
        };
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException("No free port for the embedded redis-server", ex);
        }
    }
}
