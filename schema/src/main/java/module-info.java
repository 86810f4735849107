/**
 * Sluice schema: the built-in multi-tenant schema. Exports its seeds and the {@code UtcTimestampBinding}
 * ({@link dev.sluice.schema}) and the jOOQ classes generated from its PostgreSQL migrations
 * ({@code dev.sluice.schema.db} and below). Opens no connections.
 *
 * <p>The migration scripts under {@code dev/sluice/schema/migrations/{vendor}} are opened, so that Flyway (and anyone
 * else) can read them through a class loader when this module is on the module path.
 */
module dev.sluice.schema {
    exports dev.sluice.schema;
    exports dev.sluice.schema.db;
    exports dev.sluice.schema.db.tables;
    exports dev.sluice.schema.db.tables.records;

    opens dev.sluice.schema.migrations.postgresql;
    opens dev.sluice.schema.migrations.mysql;
    opens dev.sluice.schema.migrations.sqlite;

    requires transitive org.jooq;
    // Compile time only: the annotation types on jOOQ's settings classes (JAXB, optional for jOOQ too), so that javac
    // and javadoc can read those classes without a warning per annotation.
    requires static jakarta.xml.bind;
}
