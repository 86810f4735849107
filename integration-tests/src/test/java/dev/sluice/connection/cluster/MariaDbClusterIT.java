package dev.sluice.connection.cluster;

import dev.sluice.testkit.MariaDbInstance;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The vendor-neutral cluster behaviour on two test-owned MariaDB servers. */
class MariaDbClusterIT extends ClusterContract {
    static final List<MariaDbInstance> DB = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        for (int i = 0; i < 2; i++) {
            DB.add(MariaDbInstance.start());
        }
    }

    @AfterAll
    static void stopServers() {
        DB.forEach(MariaDbInstance::close);
        DB.clear();
    }

    @Override
    int servers() {
        return DB.size();
    }

    @Override
    String url(int i) {
        return DB.get(i).url();
    }

    /** Two nodes: a longer sleep keeps "parallel, not sequential" clear of a busy machine's noise. */
    @Override
    double fanOutSleep() {
        return 0.5;
    }

    @Override
    String sleepSql(double seconds) {
        return "SELECT SLEEP(" + seconds + ")";
    }

    @Override
    void stop(int i) {
        DB.get(i).stop();
    }

    @Override
    void start(int i) {
        DB.get(i).startServer();
    }

    /** MariaDB shows no application names: the added node's pool uses a database of its own, counted in the process list. */
    @Override
    int sessions(int i, String marker) throws Exception {
        try (Connection c = admin(i); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = '" + marker + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    String markedUrl(int i, String marker) throws Exception {
        try (Connection c = admin(i); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + marker);
        }
        return "mariadb://root@127.0.0.1:" + DB.get(i).port() + "/" + marker;
    }

    static Connection admin(int i) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "root");
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + DB.get(i).port() + "/test", p);
    }
}
