package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import java.util.List;

/**
 * The part of a {@link VendorDescriptor} that says how the vendor is named and where its databases are: the names
 * configuration may use, the URL forms and JDBC subprotocol that mean it, its secret URL parameters, plain paths that
 * name its databases, how a configuration given in parts becomes a URL, and whether the database is embedded or only in
 * memory. {@link DatabaseUrl} recognises a URL by asking each descriptor in turn, so no URL syntax is hard-coded there.
 * Kept apart from the rest of the descriptor only to keep each file short.
 */
public abstract class VendorNaming {
    final Vendor vendor;

    VendorNaming(Vendor vendor) {
        this.vendor = vendor;
    }

    /** The vendor described. */
    public Vendor vendor() {
        return vendor;
    }

    /** The names the vendor goes by in configuration ({@code vendor: pg}), lower case; the first is its id. */
    public abstract List<String> names();

    /** How the vendor is listed among the names a configuration may use, in messages. */
    public String nameInMessages() {
        return vendor.id();
    }

    /**
     * The beginnings of the {@code DATABASE_URL}-style URLs that mean this vendor, lower case, in the order messages
     * list them: {@code postgres://}, {@code postgresql://}.
     */
    public abstract List<String> urlForms();

    /** The subprotocol of the vendor's JDBC URLs: {@code postgresql} in {@code jdbc:postgresql://...}. */
    public String jdbcSubprotocol() {
        return vendor.id();
    }

    /**
     * What to write instead, for a JDBC subprotocol that names this vendor but that Sluice does not take
     * ({@code jdbc:mariadb:}); {@code null} for any other.
     */
    public String jdbcSubprotocolHint(String subprotocol) {
        return null;
    }

    /**
     * Parses a URL that starts with one of {@link #urlForms()}.
     *
     * @param url the URL as given
     * @param colon where its scheme ends
     * @param property where it came from, for messages
     */
    public DatabaseUrl parseUrl(String url, int colon, String property) {
        return DatabaseUrl.network(this, url, colon, property);
    }

    /**
     * Parses a JDBC URL of this vendor's subprotocol.
     *
     * @param url the URL as given
     * @param rest what follows {@code jdbc:<subprotocol>:}
     * @param property where it came from, for messages
     */
    public DatabaseUrl parseJdbcUrl(String url, String rest, String property) {
        if (!rest.startsWith("//")) {
            throw new ConfigException(property, DatabaseUrl.shown(url), "a JDBC URL needs a host: jdbc:" + jdbcSubprotocol() + "://host:port/database");
        }
        return DatabaseUrl.network(this, vendor.id() + ":" + rest, vendor.id().length(), property);
    }

    /**
     * The driver parameters, lower case, whose values are secrets: taken out of a URL into driver properties, so
     * that nothing that prints the URL shows them.
     */
    public List<String> secretParameters() {
        return List.of();
    }

    /** What plain strings, without a scheme, mean this vendor, for messages ({@code null}: none do). */
    public String pathForm() {
        return null;
    }

    /** Whether a plain string without a scheme, in lower case, names a database of this vendor (a SQLite file). */
    public boolean recognisesPath(String lowerCase) {
        return false;
    }

    /** Parses a plain string that {@link #recognisesPath} accepted. */
    public DatabaseUrl parsePath(String path, String property) {
        throw new IllegalStateException(vendor.displayName() + " databases are not named by paths");
    }

    /**
     * The URL of a configuration given in parts ({@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME}) instead of a URL.
     *
     * @throws ConfigException when a part the vendor needs is missing
     */
    public DatabaseUrl fromParts(String host, Integer port, String database) {
        if (host == null) {
            throw new ConfigException("url", null, "set a URL (DATABASE_URL, url) or a host (DB_HOST, host) and database");
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String built = vendor.id() + "://" + h + (port != null ? ":" + port : "") + "/" + (database != null ? database : "");
        return DatabaseUrl.parse(built, "host");
    }

    /**
     * Whether the database lives in the application's process, in a file or in memory (SQLite): no server, so no
     * host, port, user, TLS or {@code CREATE DATABASE}.
     */
    public boolean embedded() {
        return false;
    }

    /** Whether the database exists only in memory and is gone when its last connection closes. */
    public boolean inMemory(DatabaseUrl url) {
        return false;
    }
}
