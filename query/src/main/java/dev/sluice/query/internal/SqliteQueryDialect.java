package dev.sluice.query.internal;

import dev.sluice.connection.Vendor;
import org.jooq.SQLDialect;

/** SQLite: jOOQ's SQLite dialect; inserts skip existing rows with {@code ON CONFLICT DO NOTHING} (the default). */
final class SqliteQueryDialect extends QueryDialect {
    SqliteQueryDialect() {
        super(Vendor.SQLITE, SQLDialect.SQLITE);
    }
}
