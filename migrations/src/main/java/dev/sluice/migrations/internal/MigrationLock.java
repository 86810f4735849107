package dev.sluice.migrations.internal;

import dev.sluice.connection.Vendor;
import dev.sluice.migrations.MigrationFailedException;
import dev.sluice.query.Database;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises migrations where Flyway does not: PostgreSQL and MySQL-family servers are locked by Flyway itself
 * (advisory lock, GET_LOCK); SQLite is not, so two migrators of one file would both create the history table. For
 * SQLite this holds a lock in this JVM and an OS file lock on {@code <database>.migrate.lock}, which also keeps other
 * processes out.
 */
public final class MigrationLock implements AutoCloseable {
    private static final Map<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final MigrationLock NONE = new MigrationLock(null, null, null);

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private MigrationLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Takes the lock for migrating {@code db} (a no-op where Flyway locks by itself). */
    public static MigrationLock acquire(Database db) {
        if (db.vendor() != Vendor.SQLITE) {
            return NONE;
        }
        String file = db.connections().config().database();
        boolean memory = file.equals(":memory:") || file.contains("mode=memory");
        String key = memory ? "memory:" + db.connections().config().name() : Path.of(file).toAbsolutePath().normalize().toString();
        ReentrantLock lock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        if (memory) {
            return new MigrationLock(lock, null, null);
        }
        try {
            FileChannel ch = FileChannel.open(Path.of(key + ".migrate.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new MigrationLock(lock, ch, ch.lock());
        } catch (IOException e) {
            lock.unlock();
            throw new MigrationFailedException("Cannot lock " + key + ".migrate.lock to migrate the SQLite database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (fileLock != null) {
                fileLock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the OS releases the lock when the channel goes away
        } finally {
            if (jvmLock != null) {
                jvmLock.unlock();
            }
        }
    }
}
