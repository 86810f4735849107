package dev.sluice.testkit;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.PgBouncerMode;
import dev.sluice.testkit.internal.OwnedDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A PgBouncer owned by one test, in front of a PostgreSQL server: its own process, ini file and port on 127.0.0.1,
 * started from the machine's {@code pgbouncer} binary ({@code SLUICE_TEST_PGBOUNCER}, else {@code /usr/sbin},
 * {@code /usr/bin} and the PATH; Debian: {@code apt-get install pgbouncer}). The machine's own pgbouncer service is
 * never touched. Every database of the target is reachable under its own name; clients authenticate with
 * {@code trust} as any of the {@linkplain #start(TestServer, PgBouncerMode, List) listed users}, and PgBouncer logs in
 * to the server as that user. When running as root, PgBouncer (which refuses root) runs as the {@code postgres} user.
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabases.postgres(); PgBouncer bouncer = PgBouncer.start(db.server(), PgBouncerMode.TRANSACTION)) {
 *     ConnectionConfig config = bouncer.configFor(db.name()).build();   // pgbouncer: transaction, migration-url set
 * }
 * }</pre>
 *
 * <p>As with {@link PostgresInstance}, nothing outlives the test JVM: {@link #close()} stops the process and deletes
 * its directory, instances open at JVM exit are closed then, and a killed JVM's PgBouncer is stopped by the next test
 * JVM that starts a test-owned server.
 */
public final class PgBouncer implements AutoCloseable {
    private static final String OS_USER = "postgres";
    /** Server connections per database and user: small, so that 16 client threads share them. */
    public static final int DEFAULT_POOL_SIZE = 4;

    private final TestServer target;
    private final PgBouncerMode mode;
    private final Path dir;
    private final Path pidFile;
    private final Path logFile;
    private final int port;
    private Process process;

    private PgBouncer(TestServer target, PgBouncerMode mode, Path dir, int port) {
        this.target = target;
        this.mode = mode;
        this.dir = dir;
        this.pidFile = dir.resolve("pgbouncer.pid");
        this.logFile = dir.resolve("pgbouncer.log");
        this.port = port;
    }

    /** Starts a PgBouncer in {@code mode} in front of {@code target}, for the target's user. */
    public static PgBouncer start(TestServer target, PgBouncerMode mode) {
        return start(target, mode, List.of());
    }

    /**
     * Starts a PgBouncer in {@code mode} in front of {@code target} (a PostgreSQL server reachable without a password
     * for these users, or with the target's password for its own user), with {@value #DEFAULT_POOL_SIZE} server
     * connections per database and user.
     *
     * @param users more users clients may log in as, besides the target's
     */
    public static PgBouncer start(TestServer target, PgBouncerMode mode, List<String> users) {
        if (target == null || !PostgresInstance.standsInFor(target.vendor())) {
            throw new IllegalArgumentException("PgBouncer pools PostgreSQL servers only, not " + target);
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode: PgBouncerMode.TRANSACTION or SESSION");
        }
        Path binary = find();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = OwnedDirectory.create("sluice-pgbouncer-", root ? OS_USER : null);
        PgBouncer bouncer;
        try {
            bouncer = new PgBouncer(target, mode, dir, OwnedDirectory.freePort());
        } catch (IOException e) {
            OwnedDirectory.delete(dir);
            throw new UncheckedIOException("Cannot find a free port for a test PgBouncer", e);
        }
        OwnedDirectory.serverPidFile(dir, bouncer.pidFile);
        OwnedDirectory.closeOnExit(bouncer);
        try {
            Set<String> all = new LinkedHashSet<>();
            all.add(target.user());
            all.addAll(users);
            bouncer.writeConfig(all, root);
            bouncer.launch(binary, root);
            return bouncer;
        } catch (RuntimeException e) {
            bouncer.close();
            throw e;
        }
    }

    private void writeConfig(Set<String> users, boolean root) {
        StringBuilder userlist = new StringBuilder();
        for (String u : users) {
            String password = u.equals(target.user()) && target.password() != null ? target.password() : "";
            userlist.append(quote(u)).append(' ').append(quote(password)).append('\n');
        }
        String ini = String.join("\n",
                "[databases]",
                "* = host=" + target.host() + " port=" + target.port(),
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + dir.resolve("userlist.txt"),
                "admin_users = " + target.user(),
                "pool_mode = " + mode.id(),
                "default_pool_size = " + DEFAULT_POOL_SIZE,
                "max_client_conn = 500",
                // pgjdbc sends extra_float_digits in its startup packet; PgBouncer refuses unknown parameters
                "ignore_startup_parameters = extra_float_digits",
                "server_reset_query = DISCARD ALL",
                "logfile = " + logFile,
                "pidfile = " + pidFile,
                "");
        try {
            Files.writeString(dir.resolve("userlist.txt"), userlist, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("pgbouncer.ini"), ini, StandardCharsets.UTF_8);
            if (root) {
                var owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
                Files.setOwner(dir.resolve("userlist.txt"), owner);
                Files.setOwner(dir.resolve("pgbouncer.ini"), owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the test PgBouncer's configuration in " + dir, e);
        }
    }

    private void launch(Path binary, boolean root) {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        cmd.addAll(List.of(binary.toString(), dir.resolve("pgbouncer.ini").toString()));
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + binary, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepting()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Test PgBouncer on port " + port + " exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Test PgBouncer on port " + port + " did not start within 30s:\n" + log());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting a test PgBouncer", e);
            }
        }
    }

    /** The pool mode. */
    public PgBouncerMode mode() {
        return mode;
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The PostgreSQL server behind it. */
    public TestServer target() {
        return target;
    }

    /** A URL of {@code database} through PgBouncer, as the target's user: {@code postgres://postgres@127.0.0.1:6432/db}. */
    public String urlFor(String database) {
        return "postgres://" + target.user() + "@127.0.0.1:" + port + "/" + database;
    }

    /**
     * A config for {@code database} through PgBouncer, as a user would write it: the URL through PgBouncer, its
     * {@code pgbouncer} mode, and a {@code migration-url} straight to the target.
     */
    public ConnectionConfig.Builder configFor(String database) {
        return target.configFor(null).host("127.0.0.1").port(port).database(database).pgBouncer(mode)
                .migrationUrl(target.urlFor(database));
    }

    /** Stops PgBouncer (SIGTERM), closing every client connection; {@link #close()} also deletes its directory. */
    public void stop() {
        serverProcess().ifPresent(ph -> {
            ph.destroy();
            try {
                ph.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                ph.destroyForcibly();
            }
        });
        if (process != null) {
            process.destroy();
        }
    }

    /** Stops PgBouncer and deletes its directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            OwnedDirectory.delete(dir);
            OwnedDirectory.closed(this);
        }
    }

    @Override
    public String toString() {
        return "PgBouncer[" + mode.id() + " 127.0.0.1:" + port + " -> " + target.host() + ":" + target.port() + "]";
    }

    private Optional<ProcessHandle> serverProcess() {
        try {
            if (!Files.exists(pidFile)) {
                return process == null ? Optional.empty() : Optional.of(process.toHandle()).filter(ProcessHandle::isAlive);
            }
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            String out = Files.exists(dir.resolve("stdout.log")) ? Files.readString(dir.resolve("stdout.log")) : "";
            return out + (Files.exists(logFile) ? Files.readString(logFile) : "");
        } catch (IOException e) {
            return "(cannot read " + logFile + ")";
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static Path find() {
        String env = System.getenv("SLUICE_TEST_PGBOUNCER");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        dirs.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        for (String d : dirs) {
            if (!d.isBlank() && Files.isExecutable(Path.of(d, "pgbouncer"))) {
                return Path.of(d, "pgbouncer");
            }
        }
        throw new NoTestDatabaseException("No pgbouncer binary for a test-owned PgBouncer: set SLUICE_TEST_PGBOUNCER to it or "
                + "install the pgbouncer package (Debian: apt-get install pgbouncer)");
    }
}
