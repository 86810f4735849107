package dev.sluice.studio;

import dev.sluice.connection.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a {@link Studio} serves: its port, its access token, whether it may change data, the migrations it shows and how
 * many rows the SQL box reads. Immutable; each value is checked when set. The address is always {@code 127.0.0.1}.
 *
 * <pre>{@code
 * StudioOptions options = StudioOptions.builder().port(4983).write(true).build(); // a random token
 * }</pre>
 */
public final class StudioOptions {
    /** The port used unless another is given. */
    public static final int DEFAULT_PORT = 4983;
    /** The SQL box's row limit unless another is given. */
    public static final int DEFAULT_MAX_QUERY_ROWS = 1000;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private final int port;
    private final String token;
    private final boolean write;
    private final List<String> migrationLocations;
    private final int maxQueryRows;

    private StudioOptions(Builder b) {
        this.port = b.port;
        this.token = b.token;
        this.write = b.write;
        this.migrationLocations = List.copyOf(b.migrationLocations);
        this.maxQueryRows = b.maxQueryRows;
    }

    /** The defaults: port {@value #DEFAULT_PORT}, a random token, read-only, the built-in schema's migrations. */
    public static StudioOptions defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port on 127.0.0.1 (0: any free port). */
    public int port() {
        return port;
    }

    /** The access token, or {@code null} for a random one chosen when the studio starts. */
    public String token() {
        return token;
    }

    /** Whether rows may be edited and inserted and the SQL box may write. */
    public boolean write() {
        return write;
    }

    /** The Flyway locations of the migrations shown on the timeline; empty: the built-in schema's. */
    public List<String> migrationLocations() {
        return migrationLocations;
    }

    /** How many rows the SQL box reads at most. */
    public int maxQueryRows() {
        return maxQueryRows;
    }

    /** The options without the token. */
    @Override
    public String toString() {
        return "StudioOptions[port=" + port + ", token=" + (token == null ? "random" : "***") + ", write=" + write
                + ", migrationLocations=" + migrationLocations + ", maxQueryRows=" + maxQueryRows + "]";
    }

    /** Builds {@link StudioOptions}. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String token;
        private boolean write;
        private final List<String> migrationLocations = new ArrayList<>();
        private int maxQueryRows = DEFAULT_MAX_QUERY_ROWS;

        private Builder() {
        }

        /** The port to listen on, 0 to 65535 (0: any free port). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new ConfigException("port", port, "a port from 0 to 65535 (0: any free port)");
            }
            this.port = port;
            return this;
        }

        /**
         * The access token instead of a random one: 16 to 128 letters, digits, {@code -} or {@code _}. A random token
         * (the default) is what keeps other local users and web pages out; give one only to script the studio.
         */
        public Builder token(String token) {
            if (token == null || !TOKEN.matcher(token).matches()) {
                throw new ConfigException("token", token == null ? null : "***", "16 to 128 letters, digits, '-' or '_'");
            }
            this.token = token;
            return this;
        }

        /** Whether rows may be edited and inserted and the SQL box may write (default false: read-only). */
        public Builder write(boolean write) {
            this.write = write;
            return this;
        }

        /** The Flyway locations of the migrations to show ({@code {vendor}} is replaced); none: the built-in schema's. */
        public Builder migrationLocations(List<String> locations) {
            if (locations == null || locations.stream().anyMatch(l -> l == null || l.isBlank())) {
                throw new ConfigException("migration locations", locations, "Flyway locations such as classpath:db/migration/{vendor}");
            }
            migrationLocations.clear();
            migrationLocations.addAll(locations.stream().map(String::strip).toList());
            return this;
        }

        /** How many rows the SQL box reads at most, 1 to 100000 (default {@value #DEFAULT_MAX_QUERY_ROWS}). */
        public Builder maxQueryRows(int rows) {
            if (rows < 1 || rows > 100_000) {
                throw new ConfigException("max query rows", rows, "a whole number from 1 to 100000");
            }
            this.maxQueryRows = rows;
            return this;
        }

        /** The options. */
        public StudioOptions build() {
            return new StudioOptions(this);
        }
    }
}
