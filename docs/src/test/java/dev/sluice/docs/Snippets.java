package dev.sluice.docs;

import dev.sluice.connection.ConnectionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the snippet tests share: the database that {@code ConnectionConfig.fromEnv()} finds. */
final class Snippets {
    private Snippets() {}

    /**
     * The database of {@code DATABASE_URL} (the build points it at a SQLite file under {@code target/snippets}), emptied
     * first, so a snippet that reads the environment starts from nothing whatever ran before it.
     */
    static ConnectionConfig freshEnvDatabase() {
        ConnectionConfig config = ConnectionConfig.fromEnv();
        Path file = Path.of(config.database());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }
}
