package dev.sluice.benchmarks;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.query.Database;
import dev.sluice.studio.Studio;
import dev.sluice.studio.StudioOptions;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Opening a table of 1,000,000 rows in {@code sluice studio}: the first page (50 rows, by primary key) through the
 * studio's browse API over HTTP, as the page asks for it (with the table's row count), against a plain
 * {@code SELECT ... ORDER BY id LIMIT 50} on JDBC. The goal is absolute: the first page in under a second; the ratio
 * says what the studio adds (HTTP, metadata checks, the count, JSON). SQLite in a temp file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StudioBrowseBenchmark {
    static final int ROWS = 1_000_000;

    private ConnectionManager manager;
    private Database database;
    private Studio studio;
    private String cookie;

    /** Creates {@code big} with a million rows and starts a studio on it. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench");
        manager = ConnectionManager.connect(ConnectionConfig.builder().url("sqlite:" + dir.resolve("big.db")).name("bench-studio").build());
        database = Database.using(manager);
        try (Connection c = manager.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, amount INTEGER NOT NULL, note TEXT)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO big (id, name, amount, note) VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    p.setInt(1, i);
                    p.setString(2, "row " + i);
                    p.setInt(3, i % 1000);
                    p.setString(4, "{\"n\": " + i + "}");
                    p.addBatch();
                    if (i % 10_000 == 0) {
                        p.executeBatch();
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
        }
        studio = Studio.start(database, StudioOptions.builder().port(0).build());
        cookie = "sluice_studio_" + studio.port() + "=" + studio.token();
    }

    /** Stops the studio and closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        studio.close();
        manager.shutdown(Duration.ZERO);
    }

    /** The studio: the first page of {@code big} through its browse API, as the page opens a table. */
    @Benchmark
    public int firstPageStudio() throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(studio.baseUrl() + "/api/rows?table=big&page=1&size=50").toURL().openConnection();
        c.setRequestProperty("Cookie", cookie);
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException("the studio answered " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes().length;
        }
    }

    /** Baseline: the same 50 rows with a plain query on a pooled connection. */
    @Benchmark
    public int firstPageSelectLimit() throws Exception {
        try (Connection c = manager.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT id, name, amount, note FROM big ORDER BY id LIMIT 50");
                ResultSet rs = p.executeQuery()) {
            int n = 0;
            while (rs.next()) {
                n += rs.getString(4).length();
            }
            return n;
        }
    }
}
