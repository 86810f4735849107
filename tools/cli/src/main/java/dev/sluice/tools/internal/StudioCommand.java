package dev.sluice.tools.internal;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.query.ClusterDatabase;
import dev.sluice.query.Database;
import dev.sluice.studio.Studio;
import dev.sluice.studio.StudioOptions;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice studio}: {@link Studio} until SIGTERM or Ctrl-C; prints the address with its access token, as Jupyter
 * does.
 */
@Command(name = "studio", description = {"Serve a local web console for the database on 127.0.0.1 until stopped (Ctrl-C):",
    "tables and views (paging, sort, filter, foreign keys both ways, JSON formatted), tenant scopes, the schema with",
    "row-level security, the migration timeline and drift, node health with a live chart, and a SQL box.",
    "Open the printed address: it carries a random access token. Read-only unless --write.",
    "With --config CLUSTER.yaml (a file with nodes): data on the primary, one health row per node."})
public final class StudioCommand extends DatabaseCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4983", description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--write", description = "Allow editing and inserting rows, and writes from the SQL box (each in a transaction).")
    boolean write;

    @Mixin
    MigrationOptions migrations;

    @Override
    int run() throws InterruptedException {
        StudioOptions options = StudioOptions.builder().port(port).write(write).migrationLocations(migrations.locations()).build();
        ClusterConfig clusterConfig = database.cluster(root.environment());
        AutoCloseable pools;
        Studio studio;
        if (clusterConfig != null) {
            Cluster cluster = Cluster.start(clusterConfig);
            pools = cluster;
            studio = start(() -> Studio.start(ClusterDatabase.using(cluster), options), cluster);
        } else {
            Database db = Database.connect(config().name("sluice-studio").build());
            pools = db;
            studio = start(() -> Studio.start(db, options), db);
        }
        PrintStream out = root.out();
        out.println("sluice studio: " + (write ? "read-write" : "read-only") + "; open this address (it carries the access token):");
        out.println("    " + studio.url());
        out.println("stop with Ctrl-C");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            studio.close();
            closeQuietly(pools);
        }, "sluice-studio-stop"));
        studio.awaitStop();
        return 0;
    }

    private static Studio start(java.util.function.Supplier<Studio> start, AutoCloseable pools) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            closeQuietly(pools);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // the JVM is stopping; the pools' own shutdown logged what went wrong
        }
    }
}
