package dev.sluice.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary directory of a test-owned database server, marked with the JVM that owns it so that nothing outlives
 * that JVM: every instance still open when the JVM exits is closed by one shutdown hook, and when the JVM was killed
 * (no hook runs), the next JVM that starts an instance finds the directory's owner gone, stops the server recorded in
 * the marker and deletes the directory. Directories of a live JVM (a parallel test run) are never touched.
 */
public final class OwnedDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedDirectory.class);
    /** The marker file in each directory: the owning JVM's pid and start time, the server's pid file. */
    static final String MARKER = "sluice-owner.properties";
    /** The prefixes of the directories this class creates (and sweeps). */
    static final List<String> PREFIXES = List.of("sluice-pg-", "sluice-mariadb-", "sluice-pgbouncer-");

    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean swept;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OwnedDirectory::closeAll, "sluice-testkit-instances"));
    }

    private OwnedDirectory() {}

    /**
     * Creates a directory {@code <tmp>/<prefix>NNN} (mode 700) marked as this JVM's, after removing what killed JVMs
     * left behind.
     *
     * @param prefix one of {@link #PREFIXES}
     * @param owner the OS user the server runs as (the directory is handed to it), or {@code null} for this process's
     */
    public static Path create(String prefix, String owner) {
        if (!PREFIXES.contains(prefix)) {
            throw new IllegalArgumentException("unknown prefix " + prefix + "; add it to PREFIXES so it is swept");
        }
        sweepOnce();
        try {
            Path dir = Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ProcessHandle self = ProcessHandle.current();
            Properties p = new Properties();
            p.setProperty("pid", Long.toString(self.pid()));
            p.setProperty("started", self.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("0"));
            write(dir, p);
            if (owner != null) {
                UserPrincipal user = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner);
                Files.setOwner(dir, user);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for a test-owned server", e);
        }
    }

    /** Records where the server writes its pid, so that a later sweep can stop it. */
    public static void serverPidFile(Path dir, Path pidFile) {
        Properties p = read(dir).orElseGet(Properties::new);
        p.setProperty("pidfile", pidFile.toAbsolutePath().toString());
        write(dir, p);
    }

    /** Closes {@code instance} when the JVM exits, unless it is {@linkplain #closed closed} before. */
    public static void closeOnExit(AutoCloseable instance) {
        OPEN.add(instance);
    }

    /** The instance was closed. */
    public static void closed(AutoCloseable instance) {
        OPEN.remove(instance);
    }

    /** A free TCP port on 127.0.0.1 for a server to listen on. */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Deletes a directory and everything in it. */
    public static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}: {}", dir, e.toString());
        }
    }

    private static void closeAll() {
        for (AutoCloseable c : OPEN.toArray(AutoCloseable[]::new)) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} at JVM exit failed: {}", c, e.toString());
            }
        }
    }

    private static synchronized void sweepOnce() {
        if (!swept) {
            swept = true;
            sweep(Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /** Stops the servers of dead JVMs' directories under {@code tmp} and deletes the directories; returns how many. */
    static int sweep(Path tmp) {
        int removed = 0;
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> PREFIXES.stream().anyMatch(p -> d.getFileName().toString().startsWith(p))).toList()) {
                Optional<Properties> marker = read(dir);
                if (marker.isEmpty() || ownerAlive(marker.get())) {
                    continue; // not ours, or its JVM is still running
                }
                stopServer(marker.get().getProperty("pidfile"));
                delete(dir);
                LOG.info("removed {}, left behind by a test JVM that was killed", dir);
                removed++;
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("sweeping {} failed: {}", tmp, e.toString());
        }
        return removed;
    }

    private static boolean ownerAlive(Properties marker) {
        long pid = Long.parseLong(marker.getProperty("pid", "-1"));
        long started = Long.parseLong(marker.getProperty("started", "0"));
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return false;
        }
        // the same pid with another start time is another process that reused the number
        Optional<Instant> start = owner.get().info().startInstant();
        return start.isEmpty() || started == 0 || Math.abs(start.get().toEpochMilli() - started) < 1000;
    }

    /** Stops the server whose pid the file holds, if that process is still a database server. */
    private static void stopServer(String pidFile) {
        if (pidFile == null) {
            return;
        }
        try {
            Path f = Path.of(pidFile);
            if (!Files.exists(f)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(f, StandardCharsets.UTF_8).get(0).trim());
            Optional<ProcessHandle> server = ProcessHandle.of(pid);
            if (server.isEmpty() || !isDatabaseServer(server.get())) {
                return;
            }
            server.get().destroy(); // SIGTERM: PostgreSQL and MariaDB shut down cleanly
            try {
                server.get().onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                server.get().destroyForcibly();
                server.get().onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("could not stop the server of {}: {}", pidFile, e.toString());
        }
    }

    private static boolean isDatabaseServer(ProcessHandle p) {
        String command = p.info().command().orElse("");
        return command.endsWith("/postgres") || command.endsWith("/mariadbd") || command.endsWith("/mysqld")
                || command.endsWith("/pgbouncer");
    }

    private static Optional<Properties> read(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(marker)) {
            p.load(in);
            return Optional.of(p);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void write(Path dir, Properties p) {
        try (var out = Files.newBufferedWriter(dir.resolve(MARKER))) {
            p.store(out, "a test-owned database server; removed by the next test JVM once this JVM is gone");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot mark " + dir, e);
        }
    }
}
