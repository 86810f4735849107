package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.NodeResult;
import dev.sluice.connection.NodeRole;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Typed access to a cluster whose nodes are of different vendors (two PostgreSQL databases, one MariaDB): each node
 * renders jOOQ queries in its own dialect, fan-outs return typed records per node, writes go to the primary.
 */
class ClusterDatabaseIT {
    static final Field<Integer> ID = field(name("id"), SQLDataType.INTEGER);
    static final Field<String> ITEM = field(name("item"), SQLDataType.VARCHAR(50));

    static TestDatabase pgA;
    static TestDatabase pgB;
    static TestDatabase maria;
    static Cluster cluster;
    static ClusterDatabase db;

    @BeforeAll
    static void start() {
        pgA = TestDatabases.postgres();
        pgB = TestDatabases.postgres();
        maria = TestDatabases.mysql();
        cluster = Cluster.start(ClusterConfig.builder()
                .node(node("a", pgA, NodeRole.PRIMARY))
                .node(node("b", pgB, NodeRole.PEER))
                .node(node("m", maria, NodeRole.PEER))
                .build());
        db = ClusterDatabase.using(cluster);
        for (String id : List.of("a", "b", "m")) {
            Database d = db.node(id);
            d.dsl().createTable("orders").column(ID).column(ITEM).execute();
            d.dsl().insertInto(table("orders"), ID, ITEM).values(1, "on " + id).execute();
        }
    }

    static NodeConfig node(String id, TestDatabase t, NodeRole role) {
        return NodeConfig.builder(id).role(role).connection(t.configBuilder().name("cdb-" + id).build()).build();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.shutdown(Duration.ofSeconds(1));
        }
        for (TestDatabase t : new TestDatabase[] {pgA, pgB, maria}) {
            if (t != null) {
                t.close();
            }
        }
    }

    @Test
    void aFanOutBuildsTheQueryPerNodeInItsDialectAndReturnsTypedRecords() {
        List<NodeResult<Result<Record1<String>>>> results =
                db.queryAll(dsl -> dsl.select(ITEM).from(table("orders")).where(ID.eq(1)), Duration.ofSeconds(5));
        assertThat(results).extracting(NodeResult::node).containsExactly("a", "b", "m");
        assertThat(results).allMatch(NodeResult::isOk);
        assertThat(results).extracting(r -> r.value().get(0).value1()).containsExactly("on a", "on b", "on m");
        assertThat(db.node("a").dialect()).isNotEqualTo(db.node("m").dialect());
    }

    @Test
    void aQueryBuiltWithoutAConnectionIsRenderedForEachNodeAndKeepsItsFields() {
        List<NodeResult<Result<Record>>> results =
                db.queryHealthy(DSL.select(ITEM, ID).from(table("orders")).where(ID.eq(DSL.val(1))), Duration.ofSeconds(5));
        assertThat(results).hasSize(3).allMatch(NodeResult::isOk);
        assertThat(results).extracting(r -> r.value().get(0).get(ITEM)).containsExactly("on a", "on b", "on m");
        assertThat(results).extracting(r -> r.value().get(0).get(ID)).containsOnly(1);
    }

    @Test
    void aSlowNodeTimesOutAloneAndItsStatementIsCancelled() {
        long start = System.nanoTime();
        List<NodeResult<Result<Record>>> results = db.queryAll(
                dsl -> dsl.resultQuery(dsl == db.node("b").dsl() ? "SELECT pg_sleep(30) AS slow" : "SELECT 1"), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(results).filteredOn(NodeResult::isOk).extracting(NodeResult::node).containsExactly("a", "m");
        assertThat(results).filteredOn(NodeResult::timedOut).extracting(NodeResult::node).containsExactly("b");
        // the statement was cancelled on the server, not left sleeping
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (java.sql.Connection c = pgB.server().admin().getConnection(); java.sql.Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                            + " AND query LIKE 'SELECT pg_sleep(30) AS slow%'")) {
                rs.next();
                return rs.getInt(1) == 0;
            }
        });
        assertThat(db.node("b").dsl().selectOne().fetchOne(0, Integer.class)).isEqualTo(1);
    }

    @Test
    void writesGoToThePrimaryAndReadsWithoutReplicasToo() {
        db.primary().dsl().insertInto(table("orders"), ID, ITEM).values(2, "written").execute();
        assertThat(db.primary().dsl().select(ITEM).from(table("orders")).where(ID.eq(2)).fetchOne(ITEM)).isEqualTo("written");
        assertThat(db.reader().dsl().select(ITEM).from(table("orders")).where(ID.eq(2)).fetchOne(ITEM)).isEqualTo("written");
        assertThat(db.node("b").dsl().fetchCount(table("orders"))).isEqualTo(1);
    }
}
