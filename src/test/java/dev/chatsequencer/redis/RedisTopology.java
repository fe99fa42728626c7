package dev.chatsequencer.redis;

import static org.awaitility.Awaitility.await;

import dev.chatsequencer.SystemTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real replicated Redis topologies on loopback, from the system's {@code redis-server} and {@code redis-cli}: a
 * Sentinel set-up (one master, two replicas, three sentinels) or a Cluster (three masters, three replicas). Nodes can
 * be killed, frozen (SIGSTOP), thawed and restarted, as operators and failures do. Every node keeps nothing on disk
 * but its cluster configuration, in a temporary directory removed on close.
 */
public final class RedisTopology implements AutoCloseable {

    public static final String MASTER_NAME = "chat";

    private final Path directory;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Node> sentinels = new ArrayList<>();

    private RedisTopology() {
        try {
            directory = Files.createTempDirectory("redis-topology");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** True when the system has the binaries (CI installs them; elsewhere the topology tests are skipped). */
    public static boolean available() {
        return SystemTools.installed("redis-server") && SystemTools.installed("redis-cli");
    }

    /** One master and two replicas with {@code min-replicas-to-write 1}, watched by three sentinels (quorum 2). */
    public static RedisTopology sentinel() {
        RedisTopology topology = new RedisTopology();
        Node master = topology.startNode("min-replicas-to-write 1", "min-replicas-max-lag 5");
        for (int i = 0; i < 2; i++) {
            topology.startNode("replicaof 127.0.0.1 " + master.port, "min-replicas-to-write 1",
                    "min-replicas-max-lag 5");
        }
        for (int i = 0; i < 3; i++) {
            topology.startSentinel(master.port);
        }
        topology.awaitSentinelsSee(master.port, 2);
        return topology;
    }

    /** Three masters with one replica each and {@code min-replicas-to-write 1}; node timeout 3 s. */
    public static RedisTopology cluster() {
        return cluster(0);
    }

    /**
     * A Cluster of three masters and three replicas plus {@code spareReplicas} more replicas. With a spare, Redis
     * Cluster's replica migration gives an orphaned master (a promoted replica whose old master is gone) a replica
     * again, so {@code min-replicas-to-write 1} lets it take writes.
     */
    public static RedisTopology cluster(int spareReplicas) {
        RedisTopology topology = new RedisTopology();
        for (int i = 0; i < 6 + spareReplicas; i++) {
            topology.startNode("cluster-enabled yes", "cluster-config-file nodes-" + i + ".conf",
                    "cluster-node-timeout 3000", "min-replicas-to-write 1", "min-replicas-max-lag 5");
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        topology.nodes.subList(0, 6).forEach(node -> create.add("127.0.0.1:" + node.port));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(create);
        for (Node spare : topology.nodes.subList(6, topology.nodes.size())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> cli(topology.nodes.get(0).port, "cluster", "info")
                    .contains("cluster_state:ok"));
            run(List.of("redis-cli", "--cluster", "add-node", "127.0.0.1:" + spare.port,
                    "127.0.0.1:" + topology.nodes.get(0).port, "--cluster-slave"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> topology.nodes.stream()
                .allMatch(node -> cli(node.port, "cluster", "info").contains("cluster_state:ok")
                        && cli(node.port, "cluster", "nodes").lines().count() == topology.nodes.size()));
        return topology;
    }

    /** The Redis nodes (not the sentinels), in start order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** {@code spring.data.redis.*} properties for the service on this topology. */
    public List<String> springProperties() {
        if (!sentinels.isEmpty()) {
            return List.of("spring.data.redis.sentinel.master=" + MASTER_NAME, "spring.data.redis.sentinel.nodes="
                    + sentinels.stream().map(node -> "127.0.0.1:" + node.port).collect(Collectors.joining(",")));
        }
        return List.of("spring.data.redis.cluster.nodes="
                + nodes.stream().map(node -> "127.0.0.1:" + node.port).collect(Collectors.joining(",")));
    }

    /** The node that is master now: for Sentinel, the one the sentinels name; for a Cluster, of the given slot. */
    public Node master() {
        String reply = cli(sentinels.get(0).port, "sentinel", "get-master-addr-by-name", MASTER_NAME);
        int port = Integer.parseInt(reply.lines().skip(1).findFirst().orElseThrow().trim());
        return nodes.stream().filter(node -> node.port == port).findFirst().orElseThrow();
    }

    /** The Cluster master that serves {@code key}'s slot now. */
    public Node masterOf(String key) {
        for (Node node : nodes) {
            if (node.running() && !node.frozen && role(node).equals("master")
                    && servesSlot(node, Integer.parseInt(cli(node.port, "cluster", "keyslot", key).trim()))) {
                return node;
            }
        }
        throw new IllegalStateException("No master serves " + key);
    }

    private boolean servesSlot(Node node, int slot) {
        for (String line : cli(node.port, "cluster", "nodes").lines().toList()) {
            String[] fields = line.split(" ");
            if (fields[2].contains("myself") && fields[2].contains("master")) {
                for (int i = 8; i < fields.length; i++) {
                    String[] range = fields[i].split("-");
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    if (slot >= from && slot <= to) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The replication role the node reports, e.g. {@code master} or {@code slave}. */
    public static String role(Node node) {
        return cli(node.port, "role").lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        for (Node node : concat()) {
            if (node.frozen) {
                signal(node, "CONT");
            }
            node.process.destroyForcibly();
        }
        try (var files = Files.walk(directory)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        } catch (IOException ex) {
            // a temporary directory; the OS clears it eventually
        }
    }

    /** Kills the node at once ({@code kill -9}): no shutdown, no goodbye to replicas or sentinels. */
    public void kill(Node node) {
        node.process.destroyForcibly();
        try {
            node.process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Freezes the node (SIGSTOP): its sockets stay open, nothing answers, as in a long GC pause or a hung VM. */
    public void freeze(Node node) {
        signal(node, "STOP");
        node.frozen = true;
    }

    public void thaw(Node node) {
        signal(node, "CONT");
        node.frozen = false;
    }

    /** Starts a killed node again on its port, with its configuration (a Cluster node rejoins as it was). */
    public void restart(Node node) {
        node.process = start(node.arguments);
        awaitPing(node.port);
    }

    private Node startNode(String... settings) {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", directory.toString(), "--save", "", "--appendonly", "no",
                "--maxmemory-policy", "noeviction", "--protected-mode", "no", "--logfile",
                directory.resolve("redis-" + port + ".log").toString()));
        for (String setting : settings) {
            String[] parts = setting.split(" ", 2);
            arguments.add("--" + parts[0]);
            arguments.addAll(Arrays.asList(parts[1].split(" ")));
        }
        Node node = new Node(port, arguments, start(arguments));
        nodes.add(node);
        awaitPing(port);
        return node;
    }

    private void startSentinel(int masterPort) {
        int port = freePort();
        Path config = directory.resolve("sentinel-" + port + ".conf");
        try {
            Files.writeString(config, String.join("\n", "port " + port, "bind 127.0.0.1", "protected-mode no",
                    "dir " + directory, "logfile " + directory.resolve("sentinel-" + port + ".log"),
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 2000",
                    "sentinel failover-timeout " + MASTER_NAME + " 10000",
                    "sentinel parallel-syncs " + MASTER_NAME + " 1", ""), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        List<String> arguments = List.of("redis-server", config.toString(), "--sentinel");
        sentinels.add(new Node(port, arguments, start(arguments)));
        awaitPing(port);
    }

    private void awaitSentinelsSee(int masterPort, int replicas) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sentinels.stream().allMatch(sentinel ->
                cli(sentinel.port, "sentinel", "replicas", MASTER_NAME).split("\n").length >= replicas * 2
                        && cli(sentinel.port, "sentinel", "sentinels", MASTER_NAME).contains("name")));
    }

    private List<Node> concat() {
        List<Node> all = new ArrayList<>(sentinels);
        all.addAll(nodes);
        return all;
    }

    private static Process start(List<String> arguments) {
        try {
            return new ProcessBuilder(arguments).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void awaitPing(int port) {
        await().atMost(Duration.ofSeconds(15)).until(() -> cli(port, "ping").contains("PONG"));
    }

    private static void signal(Node node, String signal) {
        run(List.of("kill", "-" + signal, Long.toString(node.process.pid())));
    }

    /** Runs redis-cli against a node; a node that does not answer within 2 s gives an empty reply. */
    public static String cli(int port, String... command) {
        List<String> arguments = new ArrayList<>(List.of("timeout", "2", "redis-cli", "-p", Integer.toString(port)));
        arguments.addAll(List.of(command));
        return run(arguments);
    }

    /** Runs one read command on a node, a Cluster replica too: READONLY first, on the same connection. */
    public static String readOnly(int port, String command) {
        return run(List.of("bash", "-c", "printf 'READONLY\\n%s\\n' \"$1\" | timeout 2 redis-cli -p " + port, "_",
                command));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One redis-server process of the topology. */
    public static final class Node {

        private final int port;
        private final List<String> arguments;
        private Process process;
        private volatile boolean frozen;

        Node(int port, List<String> arguments, Process process) {
            this.port = port;
            this.arguments = arguments;
            this.process = process;
        }

        public int port() {
            return port;
        }

        boolean running() {
            return process.isAlive();
        }

        @Override
        public String toString() {
            return "redis-server :" + port;
        }
    }
}
