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

    /** Settings shared by every vendor. */
    public static Settings settings() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
    }
}
