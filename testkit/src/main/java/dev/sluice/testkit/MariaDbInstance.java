package dev.sluice.testkit;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.internal.OwnedDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server owned by one test: a data directory made by {@code mariadb-install-db} in a temporary directory, a
 * port of its own on 127.0.0.1, user {@code root} without a password, and a {@code test} database. Tests stop, kill,
 * start and restart it at will without disturbing the shared server; several instances make a cluster of MariaDB
 * nodes. Binaries are found in {@code SLUICE_TEST_MARIADB_BIN} (the directory holding {@code mariadbd} and
 * {@code mariadb-install-db}), else in {@code /usr/sbin}, {@code /usr/bin} and on the PATH. When running as root, the
 * server runs as the {@code mysql} OS user.
 *
 * <p>As with {@link PostgresInstance}, nothing outlives the test JVM: {@link #close()} stops the server and deletes
 * its directory, instances open at JVM exit are closed then, and a killed JVM's server and directory are removed by the
 * next test JVM that starts an instance.
 */
public final class MariaDbInstance implements AutoCloseable {
    private static final String OS_USER = "mysql";

    private final Path server;
    private final Path dir;
    private final Path dataDir;
    private final Path pidFile;
    private final Path errorLog;
    private final int port;
    private final boolean asMysqlUser;
    /** Server options beyond the instance's own (a Galera node's wsrep settings); fixed for the instance's life. */
    private final List<String> options = new ArrayList<>();
    /** Options for the next start only (a Galera cluster's {@code --wsrep-new-cluster}). */
    private final List<String> nextStartOptions = new ArrayList<>();

    private MariaDbInstance(Path server, Path dir, int port, boolean asMysqlUser) {
        this.server = server;
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.pidFile = dir.resolve("mariadbd.pid");
        this.errorLog = dir.resolve("error.log");
        this.port = port;
        this.asMysqlUser = asMysqlUser;
    }

    /** Creates a data directory with {@code mariadb-install-db} in a temporary directory and starts the server. */
    public static MariaDbInstance start() {
        MariaDbInstance db = create();
        db.installAndStart();
        return db;
    }

    /**
     * Creates an instance on a free port without starting it, so that its port is known before its options are (a
     * Galera node's cluster address lists every node): {@link #installAndStart()} starts it.
     */
    static MariaDbInstance create() {
        Path server = find("mariadbd", "mysqld");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = OwnedDirectory.create("sluice-mariadb-", root ? OS_USER : null);
        MariaDbInstance db;
        try {
            db = new MariaDbInstance(server, dir, OwnedDirectory.freePort(), root);
        } catch (IOException e) {
            OwnedDirectory.delete(dir);
            throw new UncheckedIOException("Cannot find a free port for a MariaDB test instance", e);
        }
        OwnedDirectory.serverPidFile(dir, db.pidFile);
        OwnedDirectory.closeOnExit(db);
        return db;
    }

    /** Server options added to every start of this instance. */
    void addOptions(List<String> always, List<String> firstStartOnly) {
        options.addAll(always);
        nextStartOptions.addAll(firstStartOnly);
    }

    /** Makes the data directory with {@code mariadb-install-db} and starts the server; closes the instance on failure. */
    void installAndStart() {
        MariaDbInstance db = this;
        Path installDb = find("mariadb-install-db", "mysql_install_db");
        boolean root = asMysqlUser;
        try {
            List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults", "--datadir=" + db.dataDir,
                    "--auth-root-authentication-method=normal", "--skip-name-resolve"));
            if (root) {
                install.add("--user=" + OS_USER);
            }
            run(install, dir.resolve("install.log"), 120);
            db.startServer();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** A URL of its {@code test} database, as {@code root} without a password. */
    public String url() {
        return "mariadb://root@127.0.0.1:" + port + "/test";
    }

    /** The server as a {@link TestServer} (user root, no password). */
    public TestServer server() {
        return new TestServer(Vendor.MYSQL, "127.0.0.1", port, "root", null, "mysql", "MariaDbInstance " + dir);
    }

    /** Starts the server (again), waiting until it accepts connections. */
    public void startServer() {
        List<String> cmd = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--datadir=" + dataDir, "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadbd.sock"), "--pid-file=" + pidFile,
                "--log-error=" + errorLog, "--skip-name-resolve", "--innodb-buffer-pool-size=16M",
                "--innodb-flush-log-at-trx-commit=0", "--innodb-log-file-size=16M", "--max-connections=100", "--skip-log-bin"));
        if (asMysqlUser) {
            cmd.add("--user=" + OS_USER);
        }
        cmd.addAll(options);
        cmd.addAll(nextStartOptions);
        nextStartOptions.clear();
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + server, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepting()) {
            if (!p.isAlive()) {
                throw new IllegalStateException("MariaDB test instance on port " + port + " exited with " + p.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("MariaDB test instance on port " + port + " did not start within 60s:\n" + log());
            }
            sleep(100);
        }
    }

    /**
     * Runs {@code sql} with the {@code mariadb} command-line client as root, from outside the code under test, and
     * returns its output: one line per row, columns separated by tabs, no headers.
     *
     * @throws IllegalStateException when the client fails (the server is down, the SQL is wrong)
     */
    public String client(String sql) {
        List<String> cmd = List.of(find("mariadb", "mysql").toString(), "--no-defaults", "-h", "127.0.0.1", "-P",
                Integer.toString(port), "-u", "root", "--connect-timeout=2", "-N", "-B", "-e", sql);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out: mariadb -e " + sql + " on port " + port);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("mariadb -e " + sql + " on port " + port + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run the mariadb client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: mariadb -e " + sql, e);
        }
    }

    /** Stops the server cleanly (SIGTERM), waiting until it has exited. */
    public void stop() {
        serverProcess().ifPresent(ph -> {
            ph.destroy();
            awaitExit(ph, 60);
        });
    }

    /** Stops the server at once (SIGKILL), as a crash would. */
    public void kill() {
        serverProcess().ifPresent(ph -> {
            ph.destroyForcibly();
            awaitExit(ph, 30);
        });
    }

    /** Restarts the server cleanly. */
    public void restart() {
        stop();
        startServer();
    }

    /** Whether the server process is running. */
    public boolean isRunning() {
        return serverProcess().isPresent();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        try {
            kill(); // the data is thrown away: no clean shutdown needed
        } finally {
            OwnedDirectory.delete(dir);
            OwnedDirectory.closed(this);
        }
    }

    @Override
    public String toString() {
        return "MariaDbInstance[127.0.0.1:" + port + " " + dir + "]";
    }

    private Optional<ProcessHandle> serverProcess() {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the server sends its greeting: it listens only once it is ready for connections. */
    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            return in.read() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitExit(ProcessHandle ph, int seconds) {
        try {
            ph.onExit().get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("MariaDB test instance on port " + port + " did not stop within " + seconds + "s", e);
        }
        // the pid file may outlive a killed server; remove it so isRunning() does not trust a reused pid
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // it is owned by the server's user; a stale file is checked against the live processes anyway
        }
    }

    private String log() {
        try {
            return Files.exists(errorLog) ? Files.readString(errorLog) : "(no error log)";
        } catch (IOException e) {
            return "(cannot read " + errorLog + ")";
        }
    }

    private static void run(List<String> command, Path log, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("Failed (exit " + p.exitValue() + "): " + String.join(" ", command) + "\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
        }
    }

    private static Path find(String... names) {
        List<String> dirs = new ArrayList<>();
        String env = System.getenv("SLUICE_TEST_MARIADB_BIN");
        if (env != null && !env.isBlank()) {
            dirs.add(env);
        }
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        dirs.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        for (String name : names) {
            for (String d : dirs) {
                if (!d.isBlank() && Files.isExecutable(Path.of(d, name))) {
                    return Path.of(d, name);
                }
            }
        }
        throw new NoTestDatabaseException("No MariaDB server binaries (" + String.join(" or ", names) + ") for a test-owned "
                + "instance: set SLUICE_TEST_MARIADB_BIN to their directory or install the mariadb-server package "
                + "(Debian: apt-get install mariadb-server)");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a MariaDB test instance", e);
        }
    }
}
