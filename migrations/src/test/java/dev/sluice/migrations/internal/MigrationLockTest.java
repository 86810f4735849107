package dev.sluice.migrations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.query.Database;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock Sluice takes where Flyway takes none (SQLite): a lock file beside a database file, and for an in-memory
 * database, which only this JVM can see, a lock in the JVM alone. Which databases are in memory is decided by the one
 * predicate of the SQLite descriptor ({@code ConnectionConfig.inMemory()}).
 */
class MigrationLockTest {

    @ParameterizedTest
    @ValueSource(strings = {"sqlite:file::memory:", "sqlite:file::memory:?cache=shared", "sqlite:file:memlock?mode=memory&cache=shared",
        "sqlite::memory:"})
    void anInMemoryDatabaseIsLockedInTheJvmWithoutALockFile(String url) {
        String database = ConnectionConfig.fromUrl(url).database();
        Path strayLockFile = Path.of(database + ".migrate.lock").toAbsolutePath();
        try (Database db = Database.connect(ConnectionConfig.builder().url(url).name("lock-test-" + Math.abs(url.hashCode())).build());
                MigrationLock lock = MigrationLock.acquire(db)) {
            // file::memory: used to be taken for a file path: a lock file appeared in the working directory
            assertThat(strayLockFile).doesNotExist();
            assertThat(lock.coversWholeMigration()).isTrue();
        }
    }

    @Test
    void twoInMemoryDatabasesAreLockedIndependently() throws Exception {
        try (Database first = Database.connect(ConnectionConfig.builder().url("sqlite:file::memory:").name("lock-first").build());
                Database second = Database.connect(ConnectionConfig.builder().url("sqlite:file::memory:").name("lock-second").build());
                MigrationLock held = MigrationLock.acquire(first)) {
            // each in-memory database is its own (one per pool): migrating one must not wait for the other
            CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
                try (MigrationLock lock = MigrationLock.acquire(second)) {
                    return true;
                }
            });
            assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aDatabaseFileIsLockedWithAFileBesideIt() throws Exception {
        try (TestDatabase t = TestDatabases.sqlite(); Database db = Database.connect(t.config())) {
            Path lockFile = Path.of(t.sqliteFile() + ".migrate.lock").toAbsolutePath().normalize();
            MigrationLock lock = MigrationLock.acquire(db);
            CompletableFuture<Boolean> other;
            try {
                assertThat(lockFile).exists();
                // held until the migration ends: Migrations.migrate() reads no history back for a newer version
                assertThat(lock.coversWholeMigration()).isTrue();
                // another migrator waits for it
                other = CompletableFuture.supplyAsync(() -> {
                    try (MigrationLock second = MigrationLock.acquire(db)) {
                        return true;
                    }
                });
                Thread.sleep(300);
                assertThat(other).isNotDone();
            } finally {
                lock.close();
            }
            assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.exists(lockFile)).isFalse();
        }
    }

    @Test
    void serversAreLeftToFlyway() {
        try (TestDatabase t = TestDatabases.postgres(); Database db = Database.connect(t.config());
                MigrationLock lock = MigrationLock.acquire(db)) {
            assertThat(lock).isSameAs(MigrationLock.acquire(db)); // the shared no-op lock
            // Flyway's lock, per script on MariaDB: another migrator may apply scripts between two of this one's
            assertThat(lock.coversWholeMigration()).isFalse();
        }
    }
}
