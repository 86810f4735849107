package dev.sluice.connection.internal;

import dev.sluice.connection.Durations;
import dev.sluice.connection.ConfigException;
import java.time.Duration;

/** Value checks shared by the settings types; every failure names the property, the value and the limit. */
public final class Checks {
    private Checks() {}

    /** Requires {@code min <= value <= max}. */
    public static int range(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(property, value, "must be an integer from " + min + " to " + max);
        }
        return value;
    }

    /** Requires a non-null duration of at least {@code min}. */
    public static Duration atLeast(String property, Duration value, Duration min) {
        if (value == null) {
            throw new ConfigException(property, null, "a duration of at least " + Durations.format(min) + " is required");
        }
        if (value.compareTo(min) < 0) {
            throw new ConfigException(property, Durations.format(value), "must be at least " + Durations.format(min));
        }
        return value;
    }

    /** Requires zero (meaning "off") or at least {@code min}. */
    public static Duration zeroOrAtLeast(String property, Duration value, Duration min) {
        if (value == null || value.isNegative() || (!value.isZero() && value.compareTo(min) < 0)) {
            throw new ConfigException(property, value == null ? null : Durations.format(value),
                    "must be 0 (off) or at least " + Durations.format(min));
        }
        return value;
    }

    /** Requires a non-null value. */
    public static <T> T notNull(String property, T value, String allowed) {
        if (value == null) {
            throw new ConfigException(property, null, allowed);
        }
        return value;
    }

    /** Words that SET ROLE reads as keywords (PostgreSQL, MySQL, MariaDB), so they can never name the role to run as. */
    private static final java.util.Set<String> RESERVED_ROLES = java.util.Set.of("none", "all", "default", "public",
            "current_user", "session_user", "current_role", "user");

    /** A pool name: 1 to 63 letters, digits, '_', '.', ':' or '-'. */
    public static String poolName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.:-]{1,63}")) {
            throw new ConfigException("name", name, "1 to 63 letters, digits, '_', '.', ':' or '-'");
        }
        return name;
    }

    /** The application name the server sees: 1 to 63 characters. */
    public static String applicationName(String name) {
        if (name == null || name.isBlank() || name.length() > 63) {
            throw new ConfigException("application-name", name, "1 to 63 characters");
        }
        return name;
    }

    /** A role to SET ROLE to: an SQL identifier that is not one of SET ROLE's keywords. */
    public static String role(String role) {
        if (role == null || !role.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new ConfigException("role", role, "an SQL identifier: a letter or '_', then letters, digits or '_' (at most 63)");
        }
        if (RESERVED_ROLES.contains(role.toLowerCase(java.util.Locale.ROOT))) {
            // SET ROLE none (or ALL, DEFAULT...) does not switch to a role called so: it leaves the session as the
            // login user, often a superuser, so row-level security would silently do nothing
            throw new ConfigException("role", role, "a role name; " + role + " is a keyword of SET ROLE, not a role (reserved: "
                    + String.join(", ", new java.util.TreeSet<>(RESERVED_ROLES)) + ")");
        }
        return role;
    }

    /** A host name or IP address, without a path or credentials. */
    public static String host(String host) {
        if (host == null || host.isBlank() || host.contains("/") || host.contains("@")) {
            throw new ConfigException("host", host, "a host name or IP address, e.g. 127.0.0.1");
        }
        return host.trim();
    }

    /** A database name (SQLite: a file path). */
    public static String database(String database) {
        if (database == null || database.isBlank()) {
            throw new ConfigException("database", database, "a database name (SQLite: a file path)");
        }
        return database.trim();
    }

    /** A user name, or none; never blank. */
    public static String user(String user) {
        if (user != null && user.isBlank()) {
            throw new ConfigException("user", user, "a non-blank user name, or none");
        }
        return user;
    }
}
