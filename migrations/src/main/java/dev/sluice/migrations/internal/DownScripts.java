package dev.sluice.migrations.internal;

import java.util.List;
import java.util.Optional;

/**
 * Finds the down script {@code U<version>__<description>.sql} beside a migration's {@code V} script, in the same
 * Flyway locations ({@code classpath:} or {@code filesystem:}).
 */
public final class DownScripts {
    /** A found down script. */
    public record Script(String location, String name, String sql) {}

    private final List<String> locations;
    private final ClassLoader loader;

    /**
     * @param locations Flyway locations
     * @param loader for {@code classpath:} locations
     */
    public DownScripts(List<String> locations, ClassLoader loader) {
        this.locations = locations;
        this.loader = loader;
    }

    /** The down script's file name for a migration script name ({@code V2__x.sql} gives {@code U2__x.sql}). */
    public static String nameFor(String migrationScript) {
        String file = migrationScript.substring(migrationScript.lastIndexOf('/') + 1);
        return "U" + file.substring(1);
    }

    /** Finds the down script of a migration, searching every location. */
    public Optional<Script> find(String migrationScript) {
        String name = nameFor(migrationScript);
        String subdir = migrationScript.contains("/") ? migrationScript.substring(0, migrationScript.lastIndexOf('/') + 1) : "";
        for (String location : locations) {
            Optional<String> sql = read(location, subdir + name);
            if (sql.isPresent()) {
                return Optional.of(new Script(location, name, sql.get()));
            }
        }
        return Optional.empty();
    }

    private Optional<String> read(String location, String relative) {
        return ScriptLocations.find(location, relative, loader).map(ScriptLocations.Script::read);
    }
}
