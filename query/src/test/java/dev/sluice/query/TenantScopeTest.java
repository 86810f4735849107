package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tenant isolation on every vendor with the same test code, on tables the library has never seen (named, without
 * generated classes: which tables are tenant tables comes from the database's metadata). The test databases are
 * owned by a superuser, so on PostgreSQL row-level security does not apply and, as on MariaDB and SQLite, what is
 * proved here is the tenant filter that jOOQ renders.
 */
class TenantScopeTest {
    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    static final Table<?> PROJECTS = table(name("projects"));
    static final Field<Integer> PROJECT_ID = field(name("projects", "id"), Integer.class);
    static final Field<UUID> PROJECT_ORG = field(name("projects", "organization_id"), SQLDataType.UUID);
    static final Field<String> PROJECT_NAME = field(name("projects", "name"), String.class);
    static final Table<?> TASKS = table(name("tasks"));
    static final Field<Integer> TASK_ID = field(name("tasks", "id"), Integer.class);
    static final Field<Integer> TASK_PROJECT = field(name("tasks", "project_id"), Integer.class);
    static final Field<UUID> TASK_ORG = field(name("tasks", "organization_id"), SQLDataType.UUID);

    /** Queries per thread and tenant in the concurrency test: 16 threads x 2 tenants x this. */
    static final int QUERIES_PER_THREAD_AND_TENANT = Integer.getInteger("sluice.test.tenant-queries", 200);

    private static Database connect(TestDatabase tdb, int poolSize) {
        Database db = Database.connect(tdb.configBuilder()
                .pool(p -> p.min(0).max(poolSize).connectionTimeout(Duration.ofSeconds(5))).build());
        String uuid = tdb.vendor() == Vendor.POSTGRESQL ? "UUID" : "CHAR(36)";
        DSLContext dsl = db.dsl();
        dsl.execute("CREATE TABLE projects (id INT PRIMARY KEY, organization_id " + uuid + " NOT NULL, name VARCHAR(50) NOT NULL)");
        dsl.execute("CREATE TABLE tasks (id INT PRIMARY KEY, organization_id " + uuid + " NOT NULL, project_id INT NOT NULL)");
        dsl.execute("CREATE TABLE tags (id INT PRIMARY KEY, label VARCHAR(20) NOT NULL)"); // not a tenant table
        // projects 1, 2, 5 are A's, 3 is B's; B's tasks 4 and 5 point at A's projects (what a cross-tenant bug looks like)
        Object[][] projects = {{1, A, "a1"}, {2, A, "a2"}, {3, B, "b1"}, {5, A, "a5"}};
        for (Object[] p : projects) {
            dsl.insertInto(PROJECTS).columns(PROJECT_ID, PROJECT_ORG, PROJECT_NAME).values((Integer) p[0], (UUID) p[1], (String) p[2]).execute();
        }
        Object[][] tasks = {{1, A, 1}, {2, A, 2}, {3, B, 3}, {4, B, 1}, {5, B, 5}};
        for (Object[] t : tasks) {
            dsl.insertInto(TASKS).columns(TASK_ID, TASK_ORG, TASK_PROJECT).values((Integer) t[0], (UUID) t[1], (Integer) t[2]).execute();
        }
        dsl.execute("INSERT INTO tags (id, label) VALUES (1, 'x')");
        return db;
    }

    /** Runs {@code work} as the scope's tenant; typed, so that assertThat picks its overload. */
    private static List<Integer> ints(TenantScope scope, java.util.function.Function<DSLContext, List<Integer>> work) {
        return scope.transaction(work::apply);
    }

    private static int num(TenantScope scope, java.util.function.ToIntFunction<DSLContext> work) {
        return scope.transaction(work::applyAsInt);
    }

    private static List<Integer> projectIds(DSLContext tx) {
        return tx.select(PROJECT_ID).from(PROJECTS).orderBy(PROJECT_ID).fetch(PROJECT_ID);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void poolOfOneTenantAThenBOnTheSameConnection(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb, 1)) {
            assertThat(ints(db.forTenant(A), TenantScopeTest::projectIds)).containsExactly(1, 2, 5);
            assertThat(ints(db.forTenant(B), TenantScopeTest::projectIds)).containsExactly(3);
            assertThat(db.forTenant(B).readOnly(tx -> Integer.valueOf(tx.fetchCount(TASKS))).intValue()).isEqualTo(3);
            assertThat(num(db.forTenant(A), tx -> tx.fetchCount(table(name("tags"))))).isEqualTo(1); // not a tenant table
            assertThat(projectIds(db.dsl())).containsExactly(1, 2, 3, 5); // no tenant: no filter
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aUsersViewIsReadAsWrittenWhileTheTenantTablesInTheSameSelectAreFiltered(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb, 1)) {
            // a view of the user's own (no tenant column: not a tenant table, so not filtered; docs say views are not scoped)
            db.dsl().execute("CREATE VIEW project_labels AS SELECT id, name FROM projects");
            Table<?> labels = table(name("project_labels"));
            Field<Integer> labelId = field(name("project_labels", "id"), Integer.class);
            TenantScope a = db.forTenant(A);
            assertThat(ints(a, tx -> tx.select(labelId).from(labels).orderBy(labelId).fetch(labelId))).containsExactly(1, 2, 3, 5);
            // the tenant table in a subquery without WHERE gets one (WhereWidening's empty-clause path) beside the view
            assertThat(ints(a, tx -> tx.select(labelId).from(labels).where(labelId.in(select(PROJECT_ID).from(PROJECTS)))
                    .orderBy(labelId).fetch(labelId))).containsExactly(1, 2, 5);
            assertThat(ints(db.forTenant(B), tx -> tx.select(labelId).from(labels).where(labelId.in(select(PROJECT_ID).from(PROJECTS)))
                    .orderBy(labelId).fetch(labelId))).containsExactly(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void joinsSubqueriesExistsAndCtesSeeOnlyTheTenantsRows(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb, 1)) {
            TenantScope a = db.forTenant(A);
            // inner join: B's task 4 points at A's project 1 but is not A's
            assertThat(ints(a, tx -> tx.select(TASK_ID).from(TASKS).join(PROJECTS).on(TASK_PROJECT.eq(PROJECT_ID))
                    .orderBy(TASK_ID).fetch(TASK_ID))).containsExactly(1, 2);
            // left join: A's project 5 has only B's task 5, so it comes out with no task (not dropped, not with task 5)
            List<Record2<Integer, Integer>> left = a.transaction(tx -> tx.select(PROJECT_ID, TASK_ID).from(PROJECTS)
                    .leftJoin(TASKS).on(TASK_PROJECT.eq(PROJECT_ID)).orderBy(PROJECT_ID).fetch());
            assertThat(left).extracting(r -> r.value1() + ":" + r.value2()).containsExactly("1:1", "2:2", "5:null");
            // aliases, a subquery in WHERE, exists
            Table<?> t = TASKS.as("t");
            Field<Integer> tProject = field(name("t", "project_id"), Integer.class);
            assertThat(ints(a, tx -> tx.select(PROJECT_ID).from(PROJECTS)
                    .where(PROJECT_ID.in(select(tProject).from(t))).orderBy(PROJECT_ID).fetch(PROJECT_ID))).containsExactly(1, 2);
            assertThat(num(a, tx -> tx.selectCount().from(PROJECTS)
                    .where(exists(selectOne().from(t).where(tProject.eq(PROJECT_ID)))).fetchOne(0, Integer.class))).isEqualTo(2);
            // a CTE, and a derived table
            assertThat(num(a, tx -> tx.with("p").as(select(PROJECT_ID).from(PROJECTS)).selectCount().from(table(name("p")))
                    .fetchOne(0, Integer.class))).isEqualTo(3);
            assertThat(num(a, tx -> tx.selectCount().from(select(TASK_ID).from(TASKS).asTable("d")).fetchOne(0, Integer.class)))
                    .isEqualTo(2);
            // a derived table that selects the tenant column, and jOOQ's fetchCount of a query (its own derived table):
            // the inner query is scoped, the derived table is not filtered a second time by a column it may not expose
            assertThat(num(a, tx -> tx.selectCount().from(select(TASK_ID, TASK_ORG).from(TASKS).asTable("d"))
                    .fetchOne(0, Integer.class))).isEqualTo(2);
            assertThat(num(a, tx -> tx.fetchCount(tx.select(TASK_ID, TASK_ORG).from(TASKS).where(TASK_ID.gt(0))))).isEqualTo(2);
            assertThat(num(a, tx -> tx.fetchCount(tx.selectFrom(TASKS).where(TASK_ID.gt(0))))).isEqualTo(2);
            // a cross join counts A's rows only: 3 projects x 2 tasks
            assertThat(num(a, tx -> tx.select(count()).from(PROJECTS).crossJoin(TASKS).fetchOne(0, Integer.class))).isEqualTo(6);
        }
    }

    /**
     * The tenant condition joins a select's own WHERE as it is rendered (no copy of the select): whatever the WHERE's
     * shape, it must bind the whole clause. Each case returns another tenant's rows if it binds less.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void whereClausesOfEveryShapeGetTheTenantCondition(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb, 1)) {
            TenantScope a = db.forTenant(A);
            // an OR: the tenant condition must hold for both branches (B's project 3 asked for by id)
            assertThat(ints(a, tx -> tx.select(PROJECT_ID).from(PROJECTS).where(PROJECT_ID.eq(3).or(PROJECT_ID.eq(1)))
                    .orderBy(PROJECT_ID).fetch(PROJECT_ID))).containsExactly(1);
            // one condition object in the select's WHERE and in a subquery's: both selects get their own tenant condition
            // (B's tasks 4 and 5 point at A's projects 1 and 5)
            org.jooq.Condition positive = field(name("id"), Integer.class).gt(0);
            assertThat(ints(a, tx -> tx.select(PROJECT_ID).from(PROJECTS).where(positive)
                    .and(PROJECT_ID.in(select(TASK_PROJECT).from(TASKS).where(positive))).orderBy(PROJECT_ID).fetch(PROJECT_ID)))
                    .containsExactly(1, 2);
            assertThat(ints(a, tx -> tx.select(TASK_PROJECT).from(TASKS).where(positive).orderBy(TASK_PROJECT).fetch(TASK_PROJECT)))
                    .containsExactly(1, 2);
            // an inner join with a WHERE: both tables' conditions join the WHERE (B's task 4 points at A's project 1)
            assertThat(ints(a, tx -> tx.select(TASK_ID).from(TASKS).join(PROJECTS).on(TASK_PROJECT.eq(PROJECT_ID))
                    .where(TASK_ID.gt(0)).orderBy(TASK_ID).fetch(TASK_ID))).containsExactly(1, 2);
            assertThat(ints(a, tx -> tx.select(PROJECT_ID).from(PROJECTS).join(TASKS).on(TASK_PROJECT.eq(PROJECT_ID))
                    .where(PROJECT_ID.gt(0)).orderBy(PROJECT_ID).fetch(PROJECT_ID))).containsExactly(1, 2);
            // a left join with a WHERE: the joined side's condition goes in ON (so a copy), A's project 5 keeps no task
            List<Record2<Integer, Integer>> left = a.transaction(tx -> tx.select(PROJECT_ID, TASK_ID).from(PROJECTS)
                    .leftJoin(TASKS).on(TASK_PROJECT.eq(PROJECT_ID)).where(PROJECT_ID.gt(0)).orderBy(PROJECT_ID).fetch());
            assertThat(left).extracting(r -> r.value1() + ":" + r.value2()).containsExactly("1:1", "2:2", "5:null");
            // a union of two selects with a WHERE each
            assertThat(ints(a, tx -> tx.select(PROJECT_ID).from(PROJECTS).where(PROJECT_ID.eq(3))
                    .union(select(TASK_ID).from(TASKS).where(TASK_ID.in(3, 4))).fetch(0, Integer.class))).isEmpty();
            // keyset paging (jOOQ adds the seek predicate to the WHERE) and GROUP BY with HAVING
            assertThat(ints(a, tx -> tx.select(PROJECT_ID).from(PROJECTS).where(PROJECT_ID.ge(0)).orderBy(PROJECT_ID).seek(1)
                    .limit(5).fetch(PROJECT_ID))).containsExactly(2, 5);
            assertThat(ints(a, tx -> tx.select(TASK_PROJECT).from(TASKS).where(TASK_ID.gt(0)).groupBy(TASK_PROJECT)
                    .having(count().gt(0)).orderBy(TASK_PROJECT).fetch(TASK_PROJECT))).containsExactly(1, 2);
            // the same select object run by two tenants one after the other
            var byId = select(PROJECT_ID).from(PROJECTS).where(PROJECT_ID.in(1, 3));
            assertThat(ints(a, tx -> tx.fetch(byId).getValues(PROJECT_ID))).containsExactly(1);
            assertThat(ints(db.forTenant(B), tx -> tx.fetch(byId).getValues(PROJECT_ID))).containsExactly(3);
            assertThat(db.dsl().fetch(byId).getValues(PROJECT_ID)).containsExactlyInAnyOrder(1, 3); // no tenant: no filter
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void updatesAndDeletesWithoutWhereTouchOnlyTheTenant(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb, 1)) {
            assertThat(num(db.forTenant(A), tx -> tx.update(PROJECTS).set(PROJECT_NAME, "renamed").execute())).isEqualTo(3);
            assertThat(num(db.forTenant(B), tx -> tx.deleteFrom(TASKS).execute())).isEqualTo(3);
            assertThat(db.dsl().select(PROJECT_NAME).from(PROJECTS).where(PROJECT_ID.eq(3)).fetchOne(PROJECT_NAME)).isEqualTo("b1");
            assertThat(db.dsl().select(TASK_ID).from(TASKS).orderBy(TASK_ID).fetch(TASK_ID)).containsExactly(1, 2);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void insertsGetTheTenantAndAnotherTenantsIdIsRejected(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb, 1)) {
            TenantScope a = db.forTenant(A);
            a.transaction(tx -> tx.insertInto(PROJECTS).columns(PROJECT_ID, PROJECT_NAME).values(10, "no org given").execute());
            a.transaction(tx -> tx.insertInto(PROJECTS).set(PROJECT_ID, 11).set(PROJECT_NAME, "own org")
                    .set(PROJECT_ORG, A).execute());
            assertThat(db.dsl().select(PROJECT_ORG).from(PROJECTS).where(PROJECT_ID.in(10, 11)).fetch(PROJECT_ORG))
                    .containsOnly(A).hasSize(2);

            assertThatThrownBy(() -> a.transaction(tx -> tx.insertInto(PROJECTS).set(PROJECT_ID, 12).set(PROJECT_NAME, "foreign")
                    .set(PROJECT_ORG, B).execute()))
                    .isInstanceOf(TenantViolationException.class).hasMessageContaining("organization_id to " + B);
            assertThatThrownBy(() -> a.transaction(tx -> tx.update(PROJECTS).set(PROJECT_ORG, B).where(PROJECT_ID.eq(10)).execute()))
                    .isInstanceOf(TenantViolationException.class).hasMessageContaining("another tenant");
            assertThat(db.dsl().fetchCount(PROJECTS, PROJECT_ID.eq(12))).isZero();
            assertThat(db.dsl().fetchCount(PROJECTS, PROJECT_ORG.eq(B))).isEqualTo(1);

            // plain SQL is opaque to the filter: rejected unless marked trusted
            assertThatThrownBy(() -> a.transaction(tx -> tx.fetch("SELECT * FROM projects")))
                    .isInstanceOf(TenantViolationException.class).hasMessageContaining("Plain SQL");
            assertThat(num(a, tx -> tx.fetch(TenantScope.trusted("SELECT id FROM projects WHERE organization_id = {0}", DSL.val(A))).size()))
                    .isEqualTo(5);
        }
    }

    /** The projects table with its fields, as a user's generated class would describe it (bulk loads need the fields). */
    static final class Projects extends org.jooq.impl.TableImpl<org.jooq.Record> {
        private static final long serialVersionUID = 1L;
        final org.jooq.TableField<org.jooq.Record, Integer> id = createField(name("id"), SQLDataType.INTEGER.notNull());
        final org.jooq.TableField<org.jooq.Record, UUID> tenantId = createField(name("organization_id"), SQLDataType.UUID);
        final org.jooq.TableField<org.jooq.Record, String> label = createField(name("name"), SQLDataType.VARCHAR(50).notNull());

        Projects() {
            super(name("projects"));
        }

        org.jooq.Record row(int projectId, UUID tenant, String projectName) {
            org.jooq.Record r = DSL.using(org.jooq.SQLDialect.DEFAULT).newRecord(fields());
            r.set(id, projectId);
            r.set(tenantId, tenant);
            r.set(label, projectName);
            return r;
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void bulkInsertsAsATenantFillTheTenantAndRejectAnotherTenantsRows(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb, 1)) {
            Projects p = new Projects();
            TenantScope a = db.forTenant(A);
            // rows without a tenant get A's; rows with A's id pass (COPY on PostgreSQL, batches elsewhere)
            assertThat(a.bulkInsert(p, List.of(p.row(20, null, "bulk 1"), p.row(21, A, "bulk 2")), BulkOptions.defaults())).isEqualTo(2);
            assertThat(db.dsl().select(PROJECT_ORG).from(PROJECTS).where(PROJECT_ID.in(20, 21)).fetch(PROJECT_ORG)).containsExactly(A, A);

            // one foreign row refuses the whole load, naming the row; nothing of it is kept
            assertThatThrownBy(() -> a.bulkInsert(p, List.of(p.row(22, A, "ok"), p.row(23, B, "foreign")), BulkOptions.defaults()))
                    .hasStackTraceContaining("row 2").hasStackTraceContaining("another tenant");
            assertThat(db.dsl().fetchCount(PROJECTS, PROJECT_ID.in(22, 23))).isZero();

            // inside a tenant transaction of the caller's, db.bulkInsert is scoped the same way
            assertThatThrownBy(() -> a.transaction(tx -> db.bulkInsert(p, List.of(p.row(24, B, "foreign")))))
                    .hasStackTraceContaining("another tenant");
            assertThat(db.dsl().fetchCount(PROJECTS, PROJECT_ID.eq(24))).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void dslInsideATenantTransactionJoinsItWithAPoolOfOne(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb, 1)) {
            assertThat(ints(db.forTenant(B), tx -> projectIds(db.dsl()))).containsExactly(3);
            assertThat(num(db.forTenant(A), tx -> db.transaction(inner -> db.dsl().fetchCount(TASKS)))).isEqualTo(2);
            // a context and a query built on db.dsl() outside any scope (as an application keeps them): filtered when run
            // inside one, since the filter is chosen as the statement is rendered, and unfiltered outside again
            DSLContext kept = db.dsl();
            var built = kept.select(PROJECT_ID).from(PROJECTS).where(PROJECT_ID.in(1, 3));
            assertThat(ints(db.forTenant(B), tx -> built.fetch(PROJECT_ID))).containsExactly(3);
            assertThat(ints(db.forTenant(A), tx -> projectIds(kept))).containsExactly(1, 2, 5);
            assertThat(built.fetch(PROJECT_ID)).containsExactlyInAnyOrder(1, 3);
            assertThat(projectIds(kept)).containsExactly(1, 2, 3, 5);
            assertThatThrownBy(() -> db.forTenant(A).transaction(tx -> db.forTenant(B).transaction(TenantScopeTest::projectIds)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("tenant " + B);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void sixteenThreadsTwoTenantsNoCrossTenantRows(Vendor vendor) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb, 4)) {
            AtomicLong queries = new AtomicLong();
            AtomicLong foreign = new AtomicLong();
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 16; thread++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < QUERIES_PER_THREAD_AND_TENANT * 2; i++) {
                        UUID tenant = i % 2 == 0 ? A : B;
                        List<UUID> orgs = db.forTenant(tenant).transaction(tx -> tx.select(TASK_ORG).from(TASKS)
                                .join(PROJECTS).on(TASK_PROJECT.eq(PROJECT_ID)).unionAll(select(PROJECT_ORG).from(PROJECTS)).fetch(0, UUID.class));
                        queries.incrementAndGet();
                        foreign.addAndGet(orgs.stream().filter(o -> !o.equals(tenant)).count());
                        assertThat(orgs).isNotEmpty();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(queries.get()).isEqualTo(16L * 2 * QUERIES_PER_THREAD_AND_TENANT);
            assertThat(foreign.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
