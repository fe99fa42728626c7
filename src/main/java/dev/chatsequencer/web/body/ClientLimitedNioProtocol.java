package dev.chatsequencer.web.body;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO HTTP/1.1 connector with a cap on the connections one client address may hold at once. Without it a
 * single client that keeps thousands of connections alive (trickling header bytes, say) fills the connector's
 * {@code maxConnections}, and every other client, the orchestrator's health probe included, waits outside. A
 * connection over the cap is closed as soon as it is accepted, before it costs a buffer or a thread.
 */
public class ClientLimitedNioProtocol extends Http11NioProtocol {

    public ClientLimitedNioProtocol() {
        super(new ClientLimitedEndpoint());
    }

    /** Connections one client address may hold; 0 turns the cap off. */
    public void setMaxConnectionsPerClient(int max) {
        ((ClientLimitedEndpoint) getEndpoint()).maxPerClient = max;
    }

    public int getMaxConnectionsPerClient() {
        return ((ClientLimitedEndpoint) getEndpoint()).maxPerClient;
    }

    /**
     * Counts connections per address where Tomcat itself registers them (its {@code connections} map: put when a
     * socket is accepted, removed when it closes), so the count can never drift from the connections really open.
     * Accepts run on one acceptor thread, so checking and then registering cannot race with another accept.
     */
    static final class ClientLimitedEndpoint extends NioEndpoint {

        private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
        private volatile int maxPerClient;

        ClientLimitedEndpoint() {
            connections = new CountingConnections();
        }

        @Override
        protected boolean setSocketOptions(SocketChannel socket) {
            InetAddress client = addressOf(socket);
            int max = maxPerClient;
            if (max > 0 && client != null && perClient.getOrDefault(client, 0) >= max) {
                if (getLog().isDebugEnabled()) {
                    getLog().debug("Refused a connection from " + client + ": it holds " + max + " already");
                }
                // Closes the socket and gives back its place in maxConnections; the acceptor, told false, then finds
                // no connection of it to close.
                destroySocket(socket);
                return false;
            }
            return super.setSocketOptions(socket);
        }

        private static InetAddress addressOf(SocketChannel socket) {
            try {
                SocketAddress remote = socket.getRemoteAddress();
                return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
            } catch (IOException ex) {
                return null;
            }
        }

        private final class CountingConnections
                extends ConcurrentHashMap<SocketChannel, SocketWrapperBase<NioChannel>> {

            private final Map<SocketChannel, InetAddress> clients = new ConcurrentHashMap<>();

            @Override
            public SocketWrapperBase<NioChannel> put(SocketChannel socket, SocketWrapperBase<NioChannel> wrapper) {
                InetAddress client = addressOf(socket);
                if (client != null && clients.putIfAbsent(socket, client) == null) {
                    perClient.merge(client, 1, Integer::sum);
                }
                return super.put(socket, wrapper);
            }

            @Override
            public SocketWrapperBase<NioChannel> remove(Object socket) {
                InetAddress client = clients.remove(socket);
                if (client != null) {
                    perClient.computeIfPresent(client, (address, held) -> held > 1 ? held - 1 : null);
                }
                return super.remove(socket);
            }
        }
    }
}
