package dev.sluice.query.internal;

import dev.sluice.connection.Vendor;
import org.jooq.SQLDialect;

/** SQLite: jOOQ's SQLite dialect; inserts skip existing rows with {@code ON CONFLICT DO NOTHING} (the default). */
final class SqliteQueryDialect extends QueryDialect {
    SqliteQueryDialect() {
        super(Vendor.SQLITE, SQLDialect.SQLITE);
    }

    /** SQLite has no read-only transactions: {@code PRAGMA query_only} makes the connection refuse writes until reset. */
    @Override
    public void beginReadOnly(java.sql.Connection c) throws java.sql.SQLException {
        queryOnly(c, true);
    }

    @Override
    public void endReadOnly(java.sql.Connection c) throws java.sql.SQLException {
        queryOnly(c, false);
    }

    private static void queryOnly(java.sql.Connection c, boolean on) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = " + (on ? 1 : 0));
        }
    }
}
