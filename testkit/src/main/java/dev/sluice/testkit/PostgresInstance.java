package dev.sluice.testkit;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.internal.OwnedDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server owned by one test: its own data directory and port on 127.0.0.1, trust authentication, started
 * with the machine's PostgreSQL binaries. Tests stop, start and restart it at will without disturbing the shared
 * server, and {@link #startReplica()} adds a streaming replica of it ({@code pg_basebackup -R}). Binaries are found in
 * {@code SLUICE_TEST_PG_BIN}, else the newest {@code /usr/lib/postgresql/<v>/bin}, else on the PATH. When running as
 * root, the server runs as the {@code postgres} OS user (PostgreSQL refuses root).
 *
 * <p>Nothing outlives the test JVM: {@link #close()} stops the server and deletes its directory, instances still open
 * when the JVM exits are closed then, and the directory is marked with the JVM that owns it, so when that JVM is
 * killed the next test JVM that starts an instance stops the orphaned server and deletes its directory.
 */
public final class PostgresInstance implements AutoCloseable {
    private final Path bin;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresInstance(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.logFile = dataDir.getParent().resolve("server.log");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates a cluster in a temporary directory and starts it. */
    public static PostgresInstance start() {
        PostgresInstance pg = create();
        try {
            pg.run(List.of(pg.bin.resolve("initdb").toString(), "-D", pg.dataDir.toString(), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--no-sync", "--no-instructions"), 120);
            pg.configure(List.of("fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 100",
                    "shared_buffers = 32MB"));
            pg.startServer();
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /**
     * Starts a streaming replica of this server: a base backup taken with {@code pg_basebackup -R} into a directory of
     * its own, started on a port of its own as a hot standby that replays this server's changes. The replica is an
     * instance like any other: stop it, kill it, {@linkplain #promote() promote} it, close it.
     */
    public PostgresInstance startReplica() {
        PostgresInstance replica = create();
        try {
            replica.run(List.of(bin.resolve("pg_basebackup").toString(), "-D", replica.dataDir.toString(), "-h", "127.0.0.1",
                    "-p", Integer.toString(port), "-U", "postgres", "-R", "-X", "stream", "-c", "fast", "--no-sync"), 120);
            // the backup carries this server's settings: the replica's own port and socket directory come after them
            replica.configure(List.of("hot_standby = on"));
            replica.startServer();
            return replica;
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
    }

    private static PostgresInstance create() {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path parent = OwnedDirectory.create("sluice-pg-", root ? "postgres" : null);
        try {
            PostgresInstance pg = new PostgresInstance(bin, parent.resolve("data"), OwnedDirectory.freePort(), root);
            OwnedDirectory.serverPidFile(parent, pg.dataDir.resolve("postmaster.pid"));
            OwnedDirectory.closeOnExit(pg);
            return pg;
        } catch (IOException | RuntimeException e) {
            OwnedDirectory.delete(parent);
            throw new IllegalStateException("Cannot create a PostgreSQL test instance in " + parent + ": " + e.getMessage(), e);
        }
    }

    /** Appends the instance's own settings (port, loopback only, socket directory) and {@code extra} to its configuration. */
    private void configure(List<String> extra) {
        List<String> lines = new ArrayList<>(List.of("listen_addresses = '127.0.0.1'", "port = " + port,
                "unix_socket_directories = '" + dataDir.getParent() + "'"));
        lines.addAll(extra);
        lines.add("");
        try {
            Files.writeString(dataDir.resolve("postgresql.auto.conf"), "\n" + String.join("\n", lines), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot configure the PostgreSQL test instance in " + dataDir, e);
        }
    }

    /** Promotes a replica to a primary ({@code pg_ctl promote}), waiting until it accepts writes. */
    public void promote() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "promote"), 60);
    }

    /**
     * Whether an instance can stand in for a database of {@code vendor}: PostgreSQL's only. (A PostgreSQL instance is
     * what this class is, so it names its vendor; code that picks a source of databases asks here instead of testing
     * the vendor itself.)
     */
    public static boolean standsInFor(Vendor vendor) {
        return vendor == Vendor.POSTGRESQL;
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The server as a {@link TestServer} (user postgres, no password). */
    public TestServer server() {
        return new TestServer(Vendor.POSTGRESQL, "127.0.0.1", port, "postgres", null, "postgres",
                "PostgresInstance " + dataDir);
    }

    /** A URL of its {@code postgres} database. */
    public String url() {
        return "postgres://postgres@127.0.0.1:" + port + "/postgres";
    }

    /** Stops the server at once ({@code -m immediate}: as a crash would). */
    public void kill() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"), 60);
    }

    /** Stops the server, disconnecting clients ({@code -m fast}). */
    public void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), 60);
    }

    /** Starts the server again after {@link #stop()}. */
    public void startServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", logFile.toString(), "-w", "-t", "60", "start"), 90);
    }

    /** Restarts the server ({@code -m fast}), as {@code pg_ctlcluster ... restart -m fast} does. */
    public void restart() {
        stop();
        startServer();
    }

    /**
     * Turns TLS on with the given PEM certificate and key (copied into the data directory, readable by the server
     * only) and restarts the server.
     */
    public void enableSsl(Path certificatePem, Path keyPem) {
        try {
            Path cert = dataDir.resolve("server.crt");
            Path key = dataDir.resolve("server.key");
            Files.copy(certificatePem, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(keyPem, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            if (asPostgresUser) {
                UserPrincipal postgres = dataDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(cert, postgres);
                Files.setOwner(key, postgres);
            }
            Files.writeString(dataDir.resolve("postgresql.auto.conf"), "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install TLS files into " + dataDir, e);
        }
        restart();
    }

    /** Whether the server is running. */
    public boolean isRunning() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "status"), 30);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid")) && isRunning()) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"), 60);
            }
        } finally {
            OwnedDirectory.delete(dataDir.getParent());
            OwnedDirectory.closed(this);
        }
    }

    @Override
    public String toString() {
        return "PostgresInstance[127.0.0.1:" + port + " " + dataDir + "]";
    }

    private void run(List<String> command, int timeoutSeconds) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                String log = Files.exists(logFile) ? Files.readString(logFile) : "";
                throw new IllegalStateException("Failed (exit " + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
                        + new String(out, StandardCharsets.UTF_8) + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", cmd), e);
        }
    }

    private static Path findBinaries() {
        String env = System.getenv("SLUICE_TEST_PG_BIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var newest = versions.filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(p -> parseVersion(p.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException ignored) {
                // fall through to PATH
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "initdb"))) {
                return Path.of(dir);
            }
        }
        throw new NoTestDatabaseException("No PostgreSQL server binaries (initdb, pg_ctl) for a test-owned instance: set "
                + "SLUICE_TEST_PG_BIN to their directory or install the postgresql package (Debian: apt-get install postgresql)");
    }

    private static int parseVersion(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
