package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.tools.Sluice;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every migration command takes: the database and the script locations. */
public final class MigrationOptions {
    @Mixin
    DatabaseOptions database;

    @Option(names = "--locations", split = ",", paramLabel = "LOCATION",
            description = "Flyway locations of the scripts, comma separated (classpath:..., filesystem:...); {vendor} is replaced "
                    + "by postgresql, mysql or sqlite. Default: the built-in schema for the detected vendor.")
    List<String> locations;

    /** The database's configuration, with a small pool for migration work. */
    public ConnectionConfig config(Sluice root) {
        return database.builder(root.environment(), null).name("sluice-cli").pool(p -> p.min(0).max(2)).build();
    }

    /**
     * Checks the locations, then connects a small pool: a location without migrations fails before anything is
     * opened or created (not even a SQLite file).
     */
    public Database connect(Sluice root) {
        ConnectionConfig config = config(root);
        Migrations.checkLocations(config.vendor(), locations());
        return Database.connect(config);
    }

    /** The locations given, stripped; empty when none (the built-in schema). */
    public List<String> locations() {
        return locations == null ? List.of() : locations.stream().map(String::strip).toList();
    }

    /** Whether {@code --locations} was given. */
    public boolean locationsGiven() {
        return !locations().isEmpty();
    }

    /** The migrations of {@code db} with the given locations. */
    public Migrations migrations(Database db) {
        Migrations.Builder b = Migrations.builder(db);
        if (locationsGiven()) {
            b.locations(locations().toArray(String[]::new));
        }
        return b.build();
    }
}
