/**
 * Sluice testkit: real databases for tests ({@link dev.sluice.testkit.TestDatabases}), test-owned PostgreSQL
 * instances and replicas, test-owned MariaDB instances, a fault-injecting TCP proxy and schema fixtures. Its API is {@link dev.sluice.testkit}; the
 * {@code internal} package is not exported. The fixture scripts under {@code dev/sluice/testkit/schemas} are opened so
 * that Flyway can read them through a class loader.
 */
module dev.sluice.testkit {
    exports dev.sluice.testkit;

    opens dev.sluice.testkit.schemas.shop.postgresql;
    opens dev.sluice.testkit.schemas.shop.mysql;
    opens dev.sluice.testkit.schemas.shop.sqlite;

    requires transitive dev.sluice.connection;
    requires org.slf4j;
    // Testcontainers, used only when no database is configured or found and a Docker engine is reachable, is not
    // named: its jars split packages, so it cannot be on the module path. It stays on the class path, this module is
    // compiled to read the class path (testkit's pom), and Containers reads it at run time once it is found.
}
