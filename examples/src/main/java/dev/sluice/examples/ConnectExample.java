package dev.sluice.examples;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** Connects to the database in {@code DATABASE_URL} (default: an embedded SQLite file) and prints its version. */
public final class ConnectExample {
    private ConnectExample() {}

    /** Runs the example. */
    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("DATABASE_URL", "sqlite:example.db");
        try (ConnectionManager db = ConnectionManager.connect(ConnectionConfig.fromUrl(url));
                Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            System.out.println(db.serverInfo().product() + " " + db.serverInfo().version() + " answered " + rs.getInt(1));
        }
    }
}
