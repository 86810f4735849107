package dev.sluice.connection.cluster;

import dev.sluice.testkit.PostgresInstance;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The vendor-neutral cluster behaviour on three test-owned PostgreSQL servers. */
class PostgresClusterIT extends ClusterContract {
    static final List<PostgresInstance> PG = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        for (int i = 0; i < 3; i++) {
            PG.add(PostgresInstance.start());
        }
    }

    @AfterAll
    static void stopServers() {
        PG.forEach(PostgresInstance::close);
        PG.clear();
    }

    @Override
    int servers() {
        return PG.size();
    }

    @Override
    String url(int i) {
        return PG.get(i).url();
    }

    @Override
    String sleepSql(double seconds) {
        return "SELECT pg_sleep(" + seconds + ")";
    }

    @Override
    void stop(int i) {
        PG.get(i).stop();
    }

    @Override
    void start(int i) {
        PG.get(i).startServer();
    }

    @Override
    int sessions(int i, String marker) throws Exception {
        // the node's pool is named it-<id>: its sessions are it-<id>, its health checks it-<id>-health
        try (Connection c = admin(i); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'it-" + marker + "%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    String markedUrl(int i, String marker) {
        return PG.get(i).url();
    }

    static Connection admin(int i) throws Exception {
        return admin(PG.get(i));
    }

    /** A connection to the server's postgres database from outside the code under test. */
    static Connection admin(PostgresInstance pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("ApplicationName", "cluster-it-admin");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres", p);
    }
}
