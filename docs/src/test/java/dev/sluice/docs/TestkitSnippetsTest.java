package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** testkit's README: a test of the reader's own, run here as it is. */
class TestkitSnippetsTest {

    // tag::readme[]
    @Test
    void savesAnOrder() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {     // or mysql(), sqlite(), create(vendor)
            ConnectionManager pool = db.connect();              // shut down when db closes
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
                s.execute("INSERT INTO orders VALUES (1)");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }
    // end::readme[]
}
