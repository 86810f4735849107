package dev.sluice.scaleout;

import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.PgBouncerMode;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.query.TenantIsolationReport;
import dev.sluice.schema.DemoSeed;
import dev.sluice.testkit.PgBouncer;
import dev.sluice.testkit.PostgresInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The query layer, tenant isolation and migrations through a PgBouncer in transaction mode (the testkit's, 4 server
 * connections, in front of a test-owned PostgreSQL): the built-in schema is migrated and seeded through
 * {@code migration-url}, straight to PostgreSQL; the application's 16 threads then work through the pooler.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgBouncerIT {
    /** The soak runs 60 s; the suite runs 20 s to stay within the CI budget (the workload is the same). */
    private static final Duration SOAK = Duration.ofSeconds(Long.getLong("sluice.pgbouncer.soak-seconds", 20));
    private static final int THREADS = 16;
    private static final String TENANT_LOGIN = "tenant_login";

    private static PostgresInstance pg;
    private static PgBouncer bouncer;

    @BeforeAll
    static void start() {
        pg = PostgresInstance.start();
        try (Database admin = Database.connect(ConnectionConfig.fromUrl(pg.url()))) {
            admin.dsl().execute("CREATE DATABASE app");
        }
        bouncer = PgBouncer.start(pg.server(), PgBouncerMode.TRANSACTION, List.of(TENANT_LOGIN));
    }

    @AfterAll
    static void stop() {
        if (bouncer != null) {
            bouncer.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static ConnectionConfig throughPooler() {
        return bouncer.configFor("app").name("app-through-pgbouncer").pool(p -> p.min(0).max(10)).build();
    }

    @Test
    @Order(1)
    void migrationsAimedAtThePoolerFailWithOneLineNamingTheSetting() {
        ConnectionConfig noMigrationUrl = bouncer.configFor("app").migrationUrl(null).build();
        assertThatThrownBy(noMigrationUrl::forMigrations).isInstanceOf(ConfigException.class)
                .hasMessage("Migrations cannot run through PgBouncer in transaction mode (pgbouncer: transaction, url "
                        + noMigrationUrl.redactedUrl() + "): set migration-url to PostgreSQL itself or to a session-mode pool");
        try (Database app = Database.connect(noMigrationUrl)) {
            assertThatThrownBy(() -> Migrations.builder(app).build()).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("set migration-url").hasMessageNotContaining("\n");
            assertThatThrownBy(() -> Seeds.load(app, new DemoSeed(), (t, d, n) -> { })).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Seeds cannot run through PgBouncer in transaction mode");
            assertThat(app.dsl().fetchValue("SELECT to_regclass('organizations')")).as("nothing was created").isNull();
        }
    }

    @Test
    @Order(2)
    void migrateAndSeedThroughMigrationUrlThenReadThroughThePooler() {
        ConnectionConfig config = throughPooler();
        ConnectionConfig migration = config.forMigrations();
        assertThat(migration.port()).isEqualTo(pg.port());
        assertThat(migration.pgBouncer()).isEmpty();
        try (Database direct = Database.connect(migration)) {
            MigrationReport report = Migrations.builder(direct).build().migrate();
            assertThat(report.migrations()).isNotEmpty();
            Seeds.load(direct, new DemoSeed(), (t, d, n) -> { });
            assertThat(Migrations.builder(direct).build().checkSchema().clean()).as("check-schema via migration-url").isTrue();
        }
        try (Database app = Database.connect(config)) {
            assertThat(app.dsl().fetchCount(USERS)).isEqualTo(6);
            assertThat(app.dsl().fetchValue("SELECT inet_server_port()", Integer.class)).as("served by PostgreSQL behind the pooler")
                    .isEqualTo(pg.port());
        }
    }

    @Test
    @Order(3)
    void soakOfTheQueryLayerHasNoErrors() throws Exception {
        try (Database app = Database.connect(throughPooler())) {
            app.dsl().execute("CREATE TABLE soak (id bigint PRIMARY KEY, thread int NOT NULL, n int NOT NULL)");
            Result r = soak(app, SOAK);
            assertThat(r.errors).as("errors (first: %s)", r.firstError).isEmpty();
            // every thread ran each statement far past pgjdbc's prepareThreshold (5)
            assertThat(r.operations.get()).isGreaterThan(THREADS * 50L);
            long rows = ((Number) app.dsl().fetchValue("SELECT count(*) FROM soak")).longValue();
            assertThat(rows).as("every committed insert is there").isEqualTo(r.inserts.get());
        }
    }

    @Test
    @Order(4)
    void withoutTheSettingServerPreparedStatementsBreakThroughThePooler() throws Exception {
        // the control: the same workload through the same pooler, without pgbouncer: transaction, fails as the issue saw
        ConnectionConfig plain = ConnectionConfig.builder().url("postgres://postgres@127.0.0.1:" + bouncer.port() + "/app")
                .pool(p -> p.min(0).max(10)).build();
        try (Database app = Database.connect(plain)) {
            app.dsl().execute("CREATE TABLE IF NOT EXISTS soak (id bigint PRIMARY KEY, thread int NOT NULL, n int NOT NULL)");
            Result r = soak(app, Duration.ofSeconds(5));
            assertThat(r.errors).isNotEmpty();
            assertThat(r.firstError).containsPattern("prepared statement \"S_\\d+\" (already exists|does not exist)");
        }
    }

    @Test
    @Order(5)
    void tenantIsolationHoldsThroughThePooler() throws Exception {
        try (Database direct = Database.connect(bouncer.configFor("app").build().forMigrations())) {
            // a login role that is a member of the app role: in transaction mode the app logs in as it (no SET ROLE)
            direct.dsl().execute("CREATE ROLE " + TENANT_LOGIN + " LOGIN IN ROLE sluice_app");
        }
        UUID acme;
        UUID globex;
        try (Database app = Database.connect(bouncer.configFor("app").user(TENANT_LOGIN).pool(p -> p.min(0).max(10)).build())) {
            TenantIsolationReport report = app.verifyTenantIsolation();
            assertThat(report.isolated()).as("%s", report.problems()).isTrue();
            assertThat(app.dsl().fetchCount(ORGANIZATIONS)).as("no tenant set: nothing visible").isZero();
            try (Database owner = Database.connect(bouncer.configFor("app").build())) {
                acme = owner.dsl().select(ORGANIZATIONS.ID).from(ORGANIZATIONS).where(ORGANIZATIONS.SLUG.eq("acme")).fetchOne().value1();
                globex = owner.dsl().select(ORGANIZATIONS.ID).from(ORGANIZATIONS).where(ORGANIZATIONS.SLUG.eq("globex")).fetchOne().value1();
            }
            UUID[] tenants = {acme, globex};
            Map<String, Long> wrong = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        UUID tenant = tenants[(thread + i) % 2];
                        List<UUID> seen = app.forTenant(tenant).transaction(tx -> tx.selectDistinct(USERS.ORGANIZATION_ID).from(USERS).fetch(USERS.ORGANIZATION_ID));
                        if (!seen.equals(List.of(tenant))) {
                            wrong.merge("tenant " + tenant + " saw " + seen, 1L, Long::sum);
                        }
                        // between tenant transactions, on whatever server connection: the setting did not stay behind
                        int leftOver = app.dsl().fetchCount(USERS);
                        if (leftOver != 0) {
                            wrong.merge("outside a tenant saw " + leftOver + " users", 1L, Long::sum);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertThat(wrong).isEmpty();
        }
    }

    /** What a soak counted. */
    private record Result(AtomicLong operations, AtomicLong inserts, Map<String, Long> errors, String firstError) {}

    /**
     * {@value #THREADS} threads for {@code duration}: a typed select with a bind value, a transaction that inserts and
     * reads back, an update; each the same SQL again and again, as an application runs it.
     */
    private static Result soak(Database app, Duration duration) throws Exception {
        AtomicLong operations = new AtomicLong();
        AtomicLong inserts = new AtomicLong();
        AtomicLong ids = new AtomicLong(((Number) app.dsl().fetchValue("SELECT coalesce(max(id), 0) FROM soak")).longValue());
        Map<String, Long> errors = new ConcurrentHashMap<>();
        String[] first = new String[1];
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    try {
                        app.dsl().select(USERS.EMAIL).from(USERS).where(USERS.ROLE.eq("admin")).fetch();
                        long id = ids.incrementAndGet();
                        int finalN = ++n;
                        long back = app.transaction(tx -> {
                            tx.insertInto(DSL.table("soak"), DSL.field("id"), DSL.field("thread"), DSL.field("n"))
                                    .values(id, thread, finalN).execute();
                            return tx.select(DSL.field("n", Long.class)).from(DSL.table("soak")).where(DSL.field("id").eq(id)).fetchOne().value1();
                        });
                        inserts.incrementAndGet();
                        if (back != finalN) {
                            throw new IllegalStateException("read back " + back + " instead of " + finalN);
                        }
                        app.dsl().update(DSL.table("soak")).set(DSL.field("n"), finalN + 1).where(DSL.field("id").eq(id)).execute();
                        operations.addAndGet(3);
                    } catch (RuntimeException e) {
                        synchronized (first) {
                            if (first[0] == null) {
                                first[0] = e.getMessage();
                            }
                        }
                        errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        if (errors.values().stream().mapToLong(Long::longValue).sum() > 1000) {
                            return null; // enough to know it is broken
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return new Result(operations, inserts, errors, first[0]);
    }
}
