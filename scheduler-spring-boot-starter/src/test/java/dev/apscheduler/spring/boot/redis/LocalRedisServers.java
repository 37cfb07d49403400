package dev.apscheduler.spring.boot.redis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * Redis servers of a test's own, started from the machine's {@code redis-server} on free ports of 127.0.0.1 in a
 * directory of their own, without persistence: a Redis Cluster of several masters, or a master with a replica watched
 * by a Sentinel. Closing stops every process and deletes the directory. Without {@code redis-server} the tests fail
 * where {@code CI=true} and are skipped elsewhere.
 */
final class LocalRedisServers implements AutoCloseable {

    private final Path directory;

    private final List<Process> processes = new ArrayList<>();

    private final List<Integer> ports = new ArrayList<>();

    private LocalRedisServers() throws IOException {
        requireRedisServer();
        this.directory = Files.createTempDirectory("apscheduler-redis-");
    }

    /**
     * Starts a Redis Cluster of masters (no replicas) covering all 16,384 slots, and waits until it is ok.
     * @param masters how many masters
     * @return the servers, whose {@link #ports()} are the cluster's nodes
     */
    static LocalRedisServers cluster(int masters) throws IOException, InterruptedException {
        LocalRedisServers servers = new LocalRedisServers();
        try {
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            for (int i = 0; i < masters; i++) {
                // a cluster node also listens on its port + 10,000 (the cluster bus)
                int port = freePort(true);
                servers.start(port, "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                        "--cluster-node-timeout", "2000");
                create.add("127.0.0.1:" + port);
            }
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            servers.run(create);
            for (int port : servers.ports()) {
                await().atMost(Duration.ofSeconds(30))
                    .until(() -> servers.redisCli(port, "cluster", "info").contains("cluster_state:ok"));
            }
            return servers;
        }
        catch (IOException | InterruptedException | RuntimeException ex) {
            servers.close();
            throw ex;
        }
    }

    /**
     * Starts a master, a replica of it and a Sentinel watching the master under the name {@code master}.
     * @return the servers: {@link #ports()} are the master's, the replica's and the Sentinel's, in that order
     */
    static LocalRedisServers sentinel(String master) throws IOException, InterruptedException {
        LocalRedisServers servers = new LocalRedisServers();
        try {
            int masterPort = freePort(false);
            servers.start(masterPort);
            int replicaPort = freePort(false);
            servers.start(replicaPort, "--replicaof", "127.0.0.1", String.valueOf(masterPort));
            int sentinelPort = freePort(false);
            Path config = servers.directory.resolve("sentinel-" + sentinelPort + ".conf");
            Files.writeString(config, String.join("\n", "port " + sentinelPort, "bind 127.0.0.1",
                    "dir " + servers.directory, "sentinel monitor " + master + " 127.0.0.1 " + masterPort + " 1",
                    "sentinel down-after-milliseconds " + master + " 2000",
                    "sentinel failover-timeout " + master + " 10000", ""), StandardCharsets.UTF_8);
            servers.launch(sentinelPort, List.of("redis-server", config.toString(), "--sentinel"));
            await().atMost(Duration.ofSeconds(30))
                .until(() -> servers.redisCli(replicaPort, "info", "replication").contains("master_link_status:up"));
            await().atMost(Duration.ofSeconds(30))
                .until(() -> servers.redisCli(sentinelPort, "sentinel", "replicas", master).contains("slave"));
            return servers;
        }
        catch (IOException | RuntimeException ex) {
            servers.close();
            throw ex;
        }
    }

    /**
     * Starts a server that accepts only TLS connections, with a certificate for {@code 127.0.0.1} and
     * {@code localhost} signed by a certificate authority made for it ({@link #certificateAuthority()}); clients need
     * no certificate of their own.
     * @return the servers: {@link #ports()} holds the TLS port
     */
    static LocalRedisServers tls() throws IOException, InterruptedException {
        LocalRedisServers servers = new LocalRedisServers();
        try {
            Path ca = servers.directory.resolve("ca.crt");
            Path caKey = servers.directory.resolve("ca.key");
            Path key = servers.directory.resolve("redis.key");
            Path request = servers.directory.resolve("redis.csr");
            Path certificate = servers.directory.resolve("redis.crt");
            Path extensions = servers.directory.resolve("redis.ext");
            Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n", StandardCharsets.UTF_8);
            servers.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=apscheduler-test-ca", "-keyout", caKey.toString(), "-out", ca.toString()));
            servers.run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                    "-keyout", key.toString(), "-out", request.toString()));
            servers.run(List.of("openssl", "x509", "-req", "-in", request.toString(), "-CA", ca.toString(),
                    "-CAkey", caKey.toString(), "-CAcreateserial", "-days", "2", "-extfile", extensions.toString(),
                    "-out", certificate.toString()));
            int port = freePort(false);
            servers.launch(port, List.of("redis-server", "--port", "0", "--tls-port", String.valueOf(port), "--bind",
                    "127.0.0.1", "--dir", servers.directory.toString(), "--save", "", "--appendonly", "no",
                    "--tls-cert-file", certificate.toString(), "--tls-key-file", key.toString(), "--tls-ca-cert-file",
                    ca.toString(), "--tls-auth-clients", "no"));
            return servers;
        }
        catch (IOException | RuntimeException ex) {
            servers.close();
            throw ex;
        }
    }

    /**
     * Returns the certificate of the authority that signed a {@link #tls()} server's certificate (PEM).
     */
    Path certificateAuthority() {
        return this.directory.resolve("ca.crt");
    }

    /**
     * Returns the ports of the servers, in the order they were started.
     */
    List<Integer> ports() {
        return List.copyOf(this.ports);
    }

    /**
     * Runs {@code redis-cli -p port args...} and returns what it printed.
     */
    String redisCli(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        return run(command);
    }

    private void start(int port, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind",
                "127.0.0.1", "--dir", this.directory.toString(), "--save", "", "--appendonly", "no"));
        command.addAll(List.of(options));
        launch(port, command);
    }

    private void launch(int port, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(new File(this.directory.toFile(), "redis-" + port + ".log"))
            .start();
        this.processes.add(process);
        this.ports.add(port);
        await().atMost(Duration.ofSeconds(20)).until(() -> accepts(port));
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static int freePort(boolean withBus) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (!withBus || (port + 10_000 <= 65_535 && isFree(port + 10_000))) {
                return port;
            }
        }
        throw new IllegalStateException("no free port with a free cluster bus port");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static void requireRedisServer() {
        try {
            Process process = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() == 0) {
                return;
            }
        }
        catch (IOException | InterruptedException ex) {
            // reported below
        }
        String message = "redis-server is not installed: the Cluster and Sentinel tests start servers of their own";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        for (Process process : this.processes) {
            process.destroy();
        }
        for (Process process : this.processes) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        try (var files = Files.walk(this.directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
    }

}
