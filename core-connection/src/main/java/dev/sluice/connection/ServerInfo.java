package dev.sluice.connection;

import java.time.Duration;

/**
 * What a database server said about itself on a real connection.
 *
 * @param vendor the vendor family
 * @param product the server product as it reports itself: {@code PostgreSQL}, {@code MySQL}, {@code MariaDB}, {@code SQLite}
 * @param version the server version, e.g. {@code 15.20} or {@code 10.11.19}
 * @param fullVersion the full version string the server reports
 * @param driver the JDBC driver's name and version
 * @param roundTrip the time one {@code SELECT 1} took on an open connection
 */
public record ServerInfo(Vendor vendor, String product, String version, String fullVersion, String driver, Duration roundTrip) {

    /** Whether the server is MariaDB (reached as the MySQL vendor). */
    public boolean isMariaDb() {
        return product.equalsIgnoreCase("MariaDB");
    }
}
