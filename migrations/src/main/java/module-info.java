/**
 * Sluice migrations: {@link dev.sluice.migrations.Migrations} (Flyway: migrate, info, validate, repair, rollback with
 * down scripts), {@link dev.sluice.migrations.Seeds}, drift checks and {@link dev.sluice.migrations.SchemaDiff}. Its
 * API is {@link dev.sluice.migrations}; the {@code internal} package is not exported.
 *
 * <p>Flyway reads {@code classpath:} locations through a class loader: a modular application opens the packages its
 * own scripts are in ({@code opens db.migration.postgresql;}), as this library's schema module does for the built-in
 * scripts. Flyway's database plugins (flyway-database-postgresql, flyway-mysql) are automatic modules, resolved with
 * Flyway itself and found by Flyway's service loading; nothing here names them.
 */
@SuppressWarnings("requires-automatic") // Flyway has no module descriptor; its name comes from the jar's file name
module dev.sluice.migrations {
    exports dev.sluice.migrations;

    requires transitive dev.sluice.query;
    requires transitive dev.sluice.schema;
    requires flyway.core;
    requires org.slf4j;
    // Compile time only: the annotation types on jOOQ's settings classes (JAXB, optional for jOOQ too), so that javac
    // and javadoc can read those classes without a warning per annotation.
    requires static jakarta.xml.bind;
}
