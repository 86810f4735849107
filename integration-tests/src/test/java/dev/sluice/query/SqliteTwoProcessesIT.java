package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real OS processes write one SQLite file at the same time through {@link Database} with the default
 * configuration: every transaction reads the highest number and inserts the next (a read that turns into a write,
 * the case that made DEFERRED transactions fail with SQLITE_BUSY at once). With the defaults (WAL, busy timeout,
 * BEGIN IMMEDIATE, BUSY retried) none fails and no number is taken twice.
 */
class SqliteTwoProcessesIT {
    static final int TRANSACTIONS = 200;

    /** One writer process: {@code <file> <transactions> <name>}; prints failures, exits 1 if any. */
    public static void main(String[] args) throws Exception {
        String file = args[0];
        int n = Integer.parseInt(args[1]);
        int failures = 0;
        try (Database db = Database.connect(ConnectionConfig.builder().url("sqlite:" + file).name("writer-" + args[2]).build())) {
            for (int i = 0; i < n; i++) {
                try {
                    db.transaction(tx -> {
                        Number max = (Number) tx.fetchValue("SELECT COALESCE(MAX(n), 0) FROM counter");
                        return tx.execute("INSERT INTO counter (n, writer) VALUES (?, ?)", max.intValue() + 1, args[2]);
                    });
                } catch (RuntimeException e) {
                    failures++;
                    System.out.println("FAILED: " + e.getMessage());
                }
            }
        }
        System.out.println("failures=" + failures);
        System.exit(failures == 0 ? 0 : 1);
    }

    @Test
    void twoProcessesWriteOneFileWithoutBusyErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shared.db");
        try (Database db = Database.connect(ConnectionConfig.fromUrl("sqlite:" + file))) {
            db.dsl().execute("CREATE TABLE counter (n INTEGER NOT NULL UNIQUE, writer TEXT NOT NULL)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> writers = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (String name : new String[] {"a", "b"}) {
            Path out = dir.resolve("writer-" + name + ".log");
            outputs.add(out);
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SqliteTwoProcessesIT.class.getName(),
                    file.toString(), Integer.toString(TRANSACTIONS), name).redirectErrorStream(true).redirectOutput(out.toFile()).start());
        }
        for (int i = 0; i < writers.size(); i++) {
            assertThat(writers.get(i).waitFor(5, TimeUnit.MINUTES)).as("writer finished").isTrue();
            String log = Files.readString(outputs.get(i));
            assertThat(writers.get(i).exitValue()).as(log).isZero();
            assertThat(log).contains("failures=0");
        }
        try (Database db = Database.connect(ConnectionConfig.fromUrl("sqlite:" + file))) {
            assertThat(((Number) db.dsl().fetchValue("SELECT count(*) FROM counter")).intValue()).isEqualTo(2 * TRANSACTIONS);
            assertThat(((Number) db.dsl().fetchValue("SELECT MAX(n) FROM counter")).intValue()).isEqualTo(2 * TRANSACTIONS);
            assertThat(((Number) db.dsl().fetchValue("SELECT count(DISTINCT writer) FROM counter")).intValue()).as("both wrote").isEqualTo(2);
        }
    }
}
