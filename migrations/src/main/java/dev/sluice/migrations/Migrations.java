package dev.sluice.migrations;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.internal.DownScripts;
import dev.sluice.migrations.internal.FailureMessages;
import dev.sluice.migrations.internal.HistoryTables;
import dev.sluice.migrations.internal.LiveSchema;
import dev.sluice.migrations.internal.MigrationLock;
import dev.sluice.migrations.internal.ProgressCallback;
import dev.sluice.migrations.internal.Rollback;
import dev.sluice.migrations.internal.SchemaComparison;
import dev.sluice.migrations.internal.SchemaDrift;
import dev.sluice.migrations.internal.ScriptLocations;
import dev.sluice.query.Database;
import dev.sluice.schema.db.DefaultSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.jooq.Schema;

/**
 * Versioned migrations with Flyway, plus rollback with down scripts: the entry point of the migrations module.
 *
 * <pre>{@code
 * try (Database db = Database.connect(ConnectionConfig.fromEnv())) {
 *     Migrations migrations = Migrations.builder(db).build();   // the built-in schema, for the server's vendor
 *     System.out.println(migrations.migrate().summary("applied"));
 *     migrations.rollback("1");                                   // runs U2__*.sql, forgets version 2
 * }
 * }</pre>
 *
 * <p>By default the scripts come from {@value #DEFAULT_LOCATION} with {@code {vendor}} replaced by
 * {@code postgresql}, {@code mysql} or {@code sqlite}; give other Flyway locations to migrate your own schema (the
 * same token works there). Down scripts {@code U<version>__<description>.sql} sit beside their {@code V} scripts.
 *
 * <p>Your scripts and the built-in schema can live in one schema: each set keeps its own history table (the built-in
 * schema {@value #BUILT_IN_TABLE}, yours {@value #DEFAULT_TABLE}), so both number their versions from 1. Migrate them
 * one after the other, in either order; a set that finds another set's history table but not its own starts at
 * version 0, before its first script:
 *
 * <pre>{@code
 * Migrations.builder(db).build().migrate();                                           // the six built-in tables
 * Migrations.builder(db).locations("classpath:db/migration/{vendor}").build().migrate(); // your V1__..., V2__...
 * }</pre>
 */
public final class Migrations {
    /** Where the built-in schema's scripts are: a Sluice-owned path, so Flyway's default {@code db/migration} stays yours. */
    public static final String DEFAULT_LOCATION = "classpath:dev/sluice/schema/migrations/{vendor}";
    /**
     * The built-in schema's own history table, so that it and your own scripts (with Flyway's default table and
     * versions from 1) can share a schema.
     */
    public static final String BUILT_IN_TABLE = "sluice_schema_history";
    /** Flyway's default history table: the one your own scripts use unless you name another. */
    public static final String DEFAULT_TABLE = "flyway_schema_history";

    private final Database db;
    private final List<String> locations;
    private final String table;
    private final Map<String, String> placeholders;
    private final ClassLoader classLoader;

    private Migrations(Builder b) {
        // Flyway keeps a session across transactions (its lock, the schema it reads): not through transaction pooling
        b.db.connections().config().requireOwnSessions("Migrations and schema checks");
        this.db = b.db;
        this.locations = resolve(b.locations, b.db.vendor());
        this.table = b.table != null ? b.table : defaultTable(locations, b.db.vendor());
        this.placeholders = Map.copyOf(b.placeholders);
        this.classLoader = b.classLoader != null ? b.classLoader : Migrations.class.getClassLoader();
        requireMigrations(locations, classLoader);
    }

    /** The locations with {@code {vendor}} replaced; the built-in schema's when none are given. */
    static List<String> resolve(List<String> given, Vendor vendor) {
        List<String> out = new ArrayList<>();
        for (String l : given.isEmpty() ? List.of(DEFAULT_LOCATION) : given) {
            out.add(l.replace("{vendor}", vendor.id()));
        }
        return List.copyOf(out);
    }

    /** The built-in schema's history table for the built-in scripts alone, Flyway's default for any other set. */
    static String defaultTable(List<String> resolved, Vendor vendor) {
        return resolved.equals(resolve(List.of(), vendor)) ? BUILT_IN_TABLE : DEFAULT_TABLE;
    }

    /**
     * Fails with {@code no migrations found at <location>} when one of {@code locations} (Flyway syntax, {@code {vendor}}
     * replaced by {@code vendor}'s id; none: the built-in schema) does not exist or holds no migration script. For
     * tools that check before connecting, so that a mistyped location creates nothing, not even a SQLite file.
     *
     * @throws ConfigException naming the location and why
     */
    public static void checkLocations(Vendor vendor, List<String> locations) {
        checkLocations(vendor, locations, Migrations.class.getClassLoader());
    }

    /** As {@link #checkLocations(Vendor, List)}, reading {@code classpath:} locations with {@code loader}. */
    public static void checkLocations(Vendor vendor, List<String> locations, ClassLoader loader) {
        Builder.checkSyntax(locations.toArray(String[]::new));
        requireMigrations(resolve(locations, vendor), loader);
    }

    /** Fails, before anything touches a database, when a location holds no migration. */
    static void requireMigrations(List<String> resolved, ClassLoader loader) {
        for (String l : resolved) {
            // Flyway would log an error, apply nothing and still create its history table
            if (!ScriptLocations.holdsMigrations(l, loader)) {
                throw ConfigException.of("locations", "no migrations found at " + l + ": " + ScriptLocations.whyEmpty(l, loader));
            }
        }
    }

    /** A builder for migrations on {@code db}. */
    public static Builder builder(Database db) {
        return new Builder(db);
    }

    /** The locations scripts are read from, with {@code {vendor}} replaced. */
    public List<String> locations() {
        return locations;
    }

    /** The database migrated. */
    public Database database() {
        return db;
    }

    /** The history table: {@value #BUILT_IN_TABLE} for the built-in schema, {@value #DEFAULT_TABLE} otherwise, unless set. */
    public String table() {
        return table;
    }

    FluentConfiguration configure(String target) {
        FluentConfiguration c = Flyway.configure(classLoader)
                .dataSource(db.connections().dataSource())
                .locations(locations.toArray(String[]::new))
                .table(table)
                .placeholders(placeholders)
                // stays false: the U (down) scripts beside the V scripts do not follow Flyway's naming, and strict
                // naming would reject them; Flyway then skips them with an INFO line
                .validateMigrationNaming(false)
                .cleanDisabled(true)
                .loggers("slf4j");
        if (target != null) {
            c.target(target);
        }
        return c;
    }

    /** Applies every pending migration. */
    public MigrationReport migrate() {
        return migrate(null);
    }

    /**
     * Applies pending migrations up to {@code target} ({@code null} for all).
     *
     * @throws MigrationFailedException naming the failed script and what state the database is left in
     */
    public MigrationReport migrate(String target) {
        return migrate(target, MigrationListener.NONE);
    }

    /**
     * Applies pending migrations up to {@code target} ({@code null} for all), telling {@code listener} about each
     * script as soon as it has run.
     *
     * @throws MigrationFailedException naming the failed script, line and statement, the database's message, and
     *     what state the database is left in
     */
    public MigrationReport migrate(String target, MigrationListener listener) {
        checkVersion("target", target);
        long start = System.nanoTime();
        try (MigrationLock lock = MigrationLock.acquire(db)) {
            FluentConfiguration c = configure(target);
            if (listener != null && listener != MigrationListener.NONE) {
                c.callbacks(new ProgressCallback(listener));
            }
            boolean startedBeside = false;
            Flyway flyway = c.load();
            MigrateResult r;
            try {
                r = flyway.migrate();
            } catch (FlywayException e) {
                // this set's first migrate beside other sets: Flyway refused the schema's tables before writing
                // anything. Read the schema only then, so that every other migrate goes straight to Flyway.
                if (!HistoryTables.startBesideOthers(db, table, c, e)) {
                    throw e;
                }
                startedBeside = true;
                flyway = c.load();
                r = flyway.migrate();
            }
            List<AppliedMigration> applied = new ArrayList<>();
            for (MigrateOutput o : r.migrations) {
                applied.add(new AppliedMigration(o.version, o.description, ProgressCallback.fileName(o.filepath),
                        Duration.ofMillis(o.executionTime)));
            }
            // Flyway reads the initial version under its own lock, so a migrator that waited for another one's lock
            // reports the version it found; no info() before or after (each scans the scripts and reads the history)
            String from = initialVersion(r, flyway, startedBeside);
            String to = r.targetSchemaVersion == null ? from
                    : lock.coversWholeMigration() ? r.targetSchemaVersion : finalVersion(r.targetSchemaVersion, flyway);
            return new MigrationReport(from, to, applied, Duration.ofNanos(System.nanoTime() - start));
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    /**
     * The version {@code r}'s migration started from: Flyway's own reading (the newest applied migration, read under
     * its lock; a failed one would have stopped the migration), except for version 0, which may be the start of a
     * set beside others ({@link HistoryTables}), before its first script: {@code startedBeside} says this migration
     * wrote that start; otherwise the history is read again to tell.
     */
    private static String initialVersion(MigrateResult r, Flyway flyway, boolean startedBeside) {
        if (!"0".equals(r.initialSchemaVersion)) {
            return r.initialSchemaVersion;
        }
        if (startedBeside) {
            return null;
        }
        for (MigrationInfo i : flyway.info().applied()) {
            if (i.getVersion() != null && "0".equals(i.getVersion().getVersion())) {
                return HistoryTables.isStartBesideOthers("0", i.getDescription(), i.getType().isBaseline()) ? null : "0";
            }
        }
        return "0";
    }

    /**
     * The version after a migration whose newest script was {@code applied}: that one, unless the history holds a newer
     * successful version (another migrator took Flyway's lock between two of this one's scripts and applied the rest);
     * one query on the history table instead of reading it and scanning the scripts again with {@code info()}. Not
     * asked when Sluice's own lock kept other migrators out for the whole migration (SQLite, Galera). Plain JDBC: jOOQ's
     * rendering and record mapping cost about 2 ms more for these two columns in a JVM that migrates once.
     */
    private String finalVersion(String applied, Flyway flyway) {
        MigrationVersion mine = MigrationVersion.fromVersion(applied);
        // quoted as Flyway creates it, so that a history table named in mixed case is found too
        String sql = "SELECT version, success FROM " + db.vendor().quoteIdentifier(table);
        boolean newer = false;
        try (Connection c = db.connections().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (!newer && rs.next()) {
                String v = rs.getString(1);
                newer = v != null && rs.getBoolean(2) && MigrationVersion.fromVersion(v).isNewerThan(mine);
            }
        } catch (SQLException e) {
            throw new MigrationFailedException("Cannot read the history table " + table + " after migrating to version " + applied
                    + ": " + e.getMessage(), e);
        }
        return newer ? version(flyway) : applied;
    }

    /** The newest version applied successfully: a failed migration (MySQL leaves one recorded) is not the current version. */
    private static String version(Flyway flyway) {
        return Rollback.currentVersion(flyway);
    }

    private MigrationFailedException failure(FlywayException e) {
        return new FailureMessages(db.vendor(), table, locations, classLoader).of(e);
    }

    /** Every migration known from the scripts and the history, in order, with its state. */
    public List<MigrationStatus> info() {
        try {
            DownScripts down = downScripts();
            List<MigrationStatus> out = new ArrayList<>();
            for (MigrationInfo i : configure(null).load().info().all()) {
                out.add(new MigrationStatus(i.getVersion() == null ? null : i.getVersion().getVersion(), i.getDescription(),
                        i.getScript(), MigrationState.of(i.getState()),
                        i.getInstalledOn() == null ? null : i.getInstalledOn().toInstant(),
                        i.getVersion() != null && down.find(i.getScript()).isPresent()));
            }
            return out;
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    /**
     * The current schema version: the newest migration applied successfully, or {@code null} for a database without
     * one. A failed migration recorded in the history (MySQL, MariaDB) is not counted.
     */
    public String currentVersion() {
        return version(configure(null).load());
    }

    /**
     * The current version as {@link #currentVersion()} gives it, taken from a list {@link #info()} returned: for callers
     * that show both (such as {@code sluice info}), without reading the history and scanning the scripts again.
     */
    public static String currentVersion(List<MigrationStatus> info) {
        MigrationVersion newest = null;
        for (MigrationStatus s : info) {
            if (s.version() != null && s.state().isApplied() && !s.state().isFailed()
                    && !HistoryTables.isStartBesideOthers(s.version(), s.description(), s.state() == MigrationState.BASELINE)
                    && (newest == null || MigrationVersion.fromVersion(s.version()).isNewerThan(newest))) {
                newest = MigrationVersion.fromVersion(s.version());
            }
        }
        return newest == null ? null : newest.getVersion();
    }

    /** Checks that the applied migrations match the scripts (checksums, descriptions, missing scripts). */
    public ValidationReport validate() {
        ValidateResult r = configure(null).ignoreMigrationPatterns("*:pending").load().validateWithResult();
        List<String> problems = new ArrayList<>();
        for (ValidateOutput o : r.invalidMigrations) {
            String where = o.filepath != null ? ProgressCallback.fileName(o.filepath) : "version " + o.version;
            problems.add(where + ": " + (o.errorDetails == null ? "invalid" : FailureMessages.firstLine(o.errorDetails.errorMessage)));
        }
        if (!r.validationSuccessful && problems.isEmpty() && r.errorDetails != null) {
            problems.add(FailureMessages.firstLine(r.errorDetails.errorMessage));
        }
        return new ValidationReport(r.validationSuccessful, problems);
    }

    /** Marks an existing database as being at {@code version} without running scripts up to it. */
    public void baseline(String version) {
        checkVersion("baseline version", version);
        try (MigrationLock lock = MigrationLock.acquire(db)) {
            configure(null).baselineVersion(version).baselineDescription("baseline by sluice").load().baseline();
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    /** Removes failed entries from the history and realigns checksums with the scripts. */
    public String repair() {
        try (MigrationLock lock = MigrationLock.acquire(db)) {
            var r = configure(null).load().repair();
            return "repaired: " + r.migrationsRemoved.size() + " failed entr" + (r.migrationsRemoved.size() == 1 ? "y" : "ies")
                    + " removed, " + r.migrationsAligned.size() + " checksum(s) realigned";
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    /**
     * Rolls back to {@code toVersion} ({@code 0} for an empty schema): applies the down scripts of every later applied
     * migration, newest first, and removes them from the history, so migrating again re-applies them.
     *
     * @throws ConfigException before changing anything, when {@code toVersion} is ahead of the current version, or
     *     when down scripts are missing (every missing one is named)
     * @throws MigrationFailedException when a down script fails
     */
    public MigrationReport rollback(String toVersion) {
        checkVersion("rollback target", toVersion);
        if (toVersion == null) {
            throw new ConfigException("rollback target", null, "a version to roll back to, such as 1, or 0 for before the first migration");
        }
        try (MigrationLock lock = MigrationLock.acquire(db)) {
            return new Rollback(db, configure(null).load(), downScripts(), table, placeholders).to(MigrationVersion.fromVersion(toVersion));
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    /**
     * Compares the database with the built-in schema's generated jOOQ classes ({@code DefaultSchema.DEFAULT_SCHEMA} of
     * the schema module): see {@link #checkSchema(Schema)}. For your own scripts, pass your own generated schema.
     */
    public DriftReport checkSchema() {
        return checkSchema(DefaultSchema.DEFAULT_SCHEMA);
    }

    /**
     * Compares the database (its current schema, or current database on MySQL and MariaDB) with {@code expected}, the
     * jOOQ classes generated for it. For every table of {@code expected}: the table exists; each column exists with a
     * type that stores the same kind of value ({@code uuid}, {@code CHAR(36)} or SQLite {@code TEXT} for a UUID) with
     * the same length for {@code VARCHAR}s, and the same nullability; there are no other columns; the primary key,
     * foreign keys (columns, referenced table and columns) and unique keys have the same columns. Indexes that are not
     * unique, defaults, checks and constraint names are not compared. Other tables, such as {@value #BUILT_IN_TABLE},
     * are listed in the report but not compared. Reads only; takes no lock.
     */
    public DriftReport checkSchema(Schema expected) {
        if (expected == null) {
            throw new ConfigException("expected schema", null, "a jOOQ Schema generated for the database, such as DefaultSchema.DEFAULT_SCHEMA");
        }
        return SchemaDrift.check(db, expected);
    }

    /**
     * Compares the database with the one its migrations produce: this object's locations are applied, up to the
     * database's current version, to a {@link ThrowawayDatabase} on the database's own server (a temporary file for
     * SQLite), which is then compared with the live one and removed. See {@link #checkSchemaAgainstMigrations(ThrowawayProvider)}.
     */
    public DriftReport checkSchemaAgainstMigrations() {
        return checkSchemaAgainstMigrations(null);
    }

    /**
     * Compares the database with the one its migrations produce, made by {@code provider} ({@code null}: the database's
     * own server, or a temporary file for SQLite). The scripts are applied up to the database's current version (all of
     * them when it has none), so pending migrations are not drift. Compared: tables (missing and unexpected ones);
     * columns with their exact type, nullability and default; primary keys, foreign keys (with ON DELETE), unique keys
     * and indexes, checks; views, triggers, functions and procedures, enum types and domains; on PostgreSQL each
     * table's row-level security (ENABLE, FORCE) and policies. History tables (this set's, any other Flyway history
     * table in the schema, and {@value Seeds#HISTORY_TABLE}) are left out. Only this set's scripts are applied: when
     * another set shares the schema (the built-in schema beside yours), its tables show as unexpected. Reads only on
     * the live database.
     *
     * @throws MigrationFailedException when the throwaway database cannot be created or migrated
     */
    public DriftReport checkSchemaAgainstMigrations(ThrowawayProvider provider) {
        String version = currentVersion();
        ThrowawayDatabase.Builder b = ThrowawayDatabase.builder(db.connections().config()).locations(locations).table(table)
                .classLoader(classLoader).targetVersion(version);
        placeholders.forEach(b::placeholder);
        if (provider != null) {
            b.provider(provider);
        }
        try (ThrowawayDatabase scratch = b.open()) {
            LiveSchema expected = scratch.database().dsl().connectionResult(c -> LiveSchema.readAll(c, db.vendor()));
            LiveSchema live = db.dsl().connectionResult(c -> LiveSchema.readAll(c, db.vendor()));
            Set<String> history = new java.util.HashSet<>(HistoryTables.find(db));
            history.addAll(Set.of(table, Seeds.HISTORY_TABLE));
            return SchemaComparison.compare(expected, live, history);
        }
    }

    private DownScripts downScripts() {
        return new DownScripts(locations, classLoader);
    }

    static void checkVersion(String what, String version) {
        if (version != null && !version.matches("\\d+(\\.\\d+)*")) {
            throw new ConfigException(what, version, "a version number such as 1, 2 or 1.1");
        }
    }



    /** Builds {@link Migrations}. */
    public static final class Builder {
        private final Database db;
        private final List<String> locations = new ArrayList<>();
        private String table;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private ClassLoader classLoader;

        private Builder(Database db) {
            this.db = db;
        }

        /**
         * Flyway locations ({@code classpath:db/migration}, {@code filesystem:sql}); {@code {vendor}} is replaced by the
         * vendor's id. Default: {@value Migrations#DEFAULT_LOCATION}.
         */
        public Builder locations(String... locations) {
            checkSyntax(locations);
            this.locations.addAll(List.of(locations));
            return this;
        }

        static void checkSyntax(String... locations) {
            if (locations == null) {
                throw new ConfigException("locations", null, "Flyway locations such as classpath:db/migration or filesystem:sql/migrations");
            }
            for (String l : locations) {
                if (l == null || l.isBlank() || !(l.startsWith("classpath:") || l.startsWith("filesystem:") || !l.contains(":"))) {
                    throw new ConfigException("locations", l, "Flyway locations such as classpath:db/migration or filesystem:sql/migrations");
                }
            }
        }

        /**
         * The history table. Default: {@value Migrations#BUILT_IN_TABLE} for the built-in schema alone,
         * {@value Migrations#DEFAULT_TABLE} for any other locations.
         */
        public Builder table(String table) {
            checkTable(table);
            this.table = table;
            return this;
        }

        static void checkTable(String table) {
            if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new ConfigException("table", table, "an SQL identifier of letters, digits and '_'");
            }
        }

        /**
         * The class loader {@code classpath:} locations are read with, such as a build's project class loader. Default:
         * the one that loaded Sluice.
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** A Flyway placeholder, {@code ${name}} in scripts. */
        public Builder placeholder(String name, String value) {
            placeholders.put(name, value);
            return this;
        }

        /**
         * Builds.
         *
         * @throws ConfigException {@code no migrations found at <location>} when a location does not exist or holds no
         *     {@code V<version>__<description>.sql} or {@code R__<description>.sql} script; naming {@code migration-url}
         *     when the database's connections go through PgBouncer in transaction mode (connect migrations with
         *     {@code ConnectionConfig.forMigrations()})
         */
        public Migrations build() {
            return new Migrations(this);
        }
    }
}
