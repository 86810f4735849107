package dev.sluice.migrations.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.ThrowawayProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A throwaway SQLite database: a file in its own temporary directory, which goes with everything in it. */
public final class ScratchFile implements ThrowawayProvider.EmptyDatabase {
    private final Path dir;
    private final ConnectionConfig config;

    private ScratchFile(Path dir, ConnectionConfig config) {
        this.dir = dir;
        this.config = config;
    }

    /** Creates the directory for a database of an embedded vendor; SQLite creates the file on first connection. */
    public static ScratchFile create(Vendor vendor) {
        try {
            Path dir = Files.createTempDirectory("sluice-throwaway-");
            Path file = dir.resolve("throwaway.db");
            return new ScratchFile(dir, ScratchConfigs.small(ConnectionConfig.builder().vendor(vendor).database(file.toString()),
                    "sluice-throwaway").build());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for a throwaway SQLite database: " + e.getMessage(), e);
        }
    }

    @Override
    public ConnectionConfig config() {
        return config;
    }

    @Override
    public String description() {
        return "temporary " + config.vendor().displayName() + " file " + config.database();
    }

    /** Deletes the directory: the database and its journal, WAL and lock files. */
    @Override
    public void close() {
        deleteTree(dir);
    }

    /** Deletes a directory and what it holds, as far as possible; a file that cannot be deleted is left. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file that cannot be deleted (still open on Windows) is the OS's to clean up
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
