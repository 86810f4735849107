package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import java.util.List;
import picocli.CommandLine.Option;

/** What every migration command takes besides the database: the script locations. */
public final class MigrationOptions {
    @Option(names = "--locations", split = ",", paramLabel = "LOCATION",
            description = "Flyway locations of the scripts, comma separated (classpath:..., filesystem:...); {vendor} is replaced "
                    + "by postgresql, mysql or sqlite. Default: the built-in schema for the detected vendor.")
    List<String> locations;

    /**
     * Checks the locations, then connects a small pool for migration work: a location without migrations fails before
     * anything is opened or created (not even a SQLite file).
     */
    public Database connect(ConnectionConfig.Builder database) {
        // migration-url when set: migrations, seeds and schema checks do not go through a transaction-mode PgBouncer
        ConnectionConfig config = database.name("sluice-cli").pool(p -> p.min(0).max(2)).build().forMigrations();
        Migrations.checkLocations(config.vendor(), locations());
        return Database.connect(config);
    }

    /** The locations given, stripped; empty when none (the built-in schema). */
    public List<String> locations() {
        return locations == null ? List.of() : locations.stream().map(String::strip).toList();
    }

    /** The migrations of {@code db} with the given locations (the built-in schema when none). */
    public Migrations migrations(Database db) {
        Migrations.Builder b = Migrations.builder(db);
        if (!locations().isEmpty()) {
            b.locations(locations().toArray(String[]::new));
        }
        return b.build();
    }
}
