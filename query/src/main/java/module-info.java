/**
 * Sluice query: {@link dev.sluice.query.Database}, a jOOQ {@code DSLContext} on the managed pool, transactions with
 * retry, tenant-scoped access and bulk loading. Its API is {@link dev.sluice.query}; the {@code internal} package is
 * not exported.
 */
module dev.sluice.query {
    exports dev.sluice.query;

    requires transitive dev.sluice.connection;
    requires transitive org.jooq;
    requires org.slf4j;
}
