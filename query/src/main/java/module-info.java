/**
 * Sluice query: {@link dev.sluice.query.Database}, a jOOQ {@code DSLContext} on the managed pool, transactions with
 * retry, tenant-scoped access and bulk loading. Its API is {@link dev.sluice.query}; the {@code internal} package is
 * not exported.
 */
@SuppressWarnings("requires-automatic") // micrometer-core has no module descriptor of its own
module dev.sluice.query {
    exports dev.sluice.query;

    requires transitive dev.sluice.connection;
    requires transitive org.jooq;
    // Compile time only: the annotation types on jOOQ's settings classes (JAXB, optional for jOOQ too), so that javac
    // and javadoc can read those classes without a warning per annotation.
    requires static jakarta.xml.bind;
    requires org.slf4j;
    requires static micrometer.core; // only when a MeterRegistry is configured (StatementMeters)
}
