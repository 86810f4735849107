package dev.sluice.query.internal;

import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.Vendor;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/** The jOOQ side of each vendor: its dialect (MariaDB apart from MySQL, as their SQL differs) and common settings. */
public final class Dialects {
    private Dialects() {}

    /** The dialect for a server. */
    public static SQLDialect of(Vendor vendor, ServerInfo server) {
        return switch (vendor) {
            case POSTGRESQL -> SQLDialect.POSTGRES;
            // the MYSQL dialect renders cast(? as json), which MariaDB rejects
            case MYSQL -> server != null && server.isMariaDb() ? SQLDialect.MARIADB : SQLDialect.MYSQL;
            case SQLITE -> SQLDialect.SQLITE;
        };
    }

    /** The jOOQ configuration for a dialect: settings, plus the MariaDB RETURNING fix where needed. */
    public static org.jooq.Configuration configuration(SQLDialect dialect, org.jooq.ConnectionProvider connections) {
        org.jooq.impl.DefaultConfiguration c = new org.jooq.impl.DefaultConfiguration();
        c.set(dialect);
        c.set(settings());
        c.set(connections);
        if (dialect.family() == SQLDialect.MARIADB) {
            c.set(new org.jooq.impl.DefaultExecuteListenerProvider(new MariaDbReturning()));
        }
        return c;
    }

    /** Settings shared by every vendor. */
    public static Settings settings() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
    }
}
