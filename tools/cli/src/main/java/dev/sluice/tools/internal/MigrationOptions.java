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

    /** Connects a small pool for migration work. */
    public Database connect(Sluice root) {
        ConnectionConfig config = database.builder(root.environment(), null).name("sluice-cli").pool(p -> p.min(0).max(2)).build();
        return Database.connect(config);
    }

    /** The migrations of {@code db} with the given locations. */
    public Migrations migrations(Database db) {
        Migrations.Builder b = Migrations.builder(db);
        if (locations != null && !locations.isEmpty()) {
            b.locations(locations.stream().map(String::strip).toArray(String[]::new));
        }
        return b.build();
    }
}
