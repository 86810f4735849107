package dev.sluice.migrations.internal;

import dev.sluice.migrations.MigrationFailedException;
import dev.sluice.query.Database;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises migrations where Flyway does not ({@link MigrationDialect#flywayLocks()}): PostgreSQL and MySQL-family
 * servers are locked by Flyway itself (advisory lock, GET_LOCK), except a Galera node, whose GET_LOCK holds on that
 * node only: there a {@link ClusterLock} row holds across the cluster. SQLite is not locked by Flyway, so two migrators of one file would
 * both create the history table. For SQLite this holds a lock in this JVM and an OS file lock on
 * {@code <database>.migrate.lock}, which also keeps other processes out; an in-memory database (see
 * {@code ConnectionConfig.inMemory()}) is seen by this JVM only, so the JVM lock, per pool, is enough. The lock file is deleted when the lock is released; so that a process which opened the file just
 * before it was deleted cannot hold a lock on the orphan while another locks a new file, the releaser first writes a
 * mark into it, and whoever gets a lock on a marked file lets go and opens the path again.
 */
public final class MigrationLock implements AutoCloseable {
    private static final Map<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final MigrationLock NONE = new MigrationLock(null, null, null, null);

    private ClusterLock clusterLock;
    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;
    private final Path file;

    private MigrationLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock, Path file) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
        this.file = file;
    }

    /**
     * Takes the lock for migrating {@code db}: nothing where Flyway locks by itself, unless the server is a node of a
     * synchronous multi-primary cluster (Galera), whose locks are per node: there a {@link ClusterLock}.
     */
    public static MigrationLock acquire(Database db) {
        if (MigrationDialect.of(db.vendor()).flywayLocks()) {
            return clusterLock(db);
        }
        String file = db.connections().config().database();
        boolean memory = db.connections().config().inMemory();
        String key = memory ? "memory:" + db.connections().config().name() : Path.of(file).toAbsolutePath().normalize().toString();
        ReentrantLock lock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        if (memory) {
            return new MigrationLock(lock, null, null, null);
        }
        Path path = Path.of(key + ".migrate.lock");
        try {
            while (true) {
                FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock fl = ch.lock();
                if (ch.size() == 0) {
                    return new MigrationLock(lock, ch, fl, path);
                }
                fl.release(); // released and deleted by its last holder: open the path again
                ch.close();
            }
        } catch (IOException e) {
            lock.unlock();
            throw new MigrationFailedException("Cannot lock " + path + " to migrate the SQLite database: " + e.getMessage(), e);
        }
    }

    private static MigrationLock clusterLock(Database db) {
        try (java.sql.Connection c = db.connections().getConnection()) {
            if (!db.vendor().synchronousCluster(c)) {
                return NONE;
            }
            MigrationLock lock = new MigrationLock(null, null, null, null);
            lock.clusterLock = ClusterLock.acquire(db, c);
            return lock;
        } catch (java.sql.SQLException e) {
            throw new MigrationFailedException("Cannot take the cluster-wide migration lock: " + e.getMessage(), e);
        }
    }

    /**
     * Whether this lock keeps every other Sluice migrator out for the whole migration (SQLite's file lock, a Galera
     * cluster's lock row), as opposed to Flyway's own lock, which on MariaDB is taken per script: then no other
     * migrator can have applied a script between two of this one's.
     */
    public boolean coversWholeMigration() {
        return jvmLock != null || clusterLock != null;
    }

    @Override
    public void close() {
        if (clusterLock != null) {
            clusterLock.close();
            return;
        }
        try {
            if (fileLock != null) {
                release();
            }
        } finally {
            if (jvmLock != null) {
                jvmLock.unlock();
            }
        }
    }

    /** Marks the lock file as dead, deletes it and releases the lock; the OS releases it anyway when the channel closes. */
    private void release() {
        try (FileChannel ch = channel) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}));
            try {
                Files.deleteIfExists(file);
            } catch (IOException stillOpen) {
                ch.truncate(0); // Windows refuses to delete an open file: leave it as an ordinary, unmarked lock file
            }
            fileLock.release();
        } catch (IOException ignored) {
            // closing the channel released the lock
        }
    }
}
