package dev.sluice.migrations;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProbeMetaTest {
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void probe(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations.builder(db).build().migrate();
            db.dsl().connection(c -> {
                var md = c.getMetaData();
                System.out.println("### " + vendor + " catalog=" + c.getCatalog() + " schema=" + c.getSchema() + " " + md.getDatabaseProductVersion());
                try (var rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                    while (rs.next()) System.out.println("T " + rs.getString("TABLE_CAT") + "." + rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + " " + rs.getString("TABLE_TYPE"));
                }
                for (String t : new String[] {"events", "forms", "workflows", "users"}) {
                    try (var rs = md.getColumns(c.getCatalog(), c.getSchema(), t, "%")) {
                        while (rs.next()) System.out.println("C " + t + "." + rs.getString("COLUMN_NAME") + " type=" + rs.getInt("DATA_TYPE") + " name=" + rs.getString("TYPE_NAME") + " size=" + rs.getInt("COLUMN_SIZE") + " dec=" + rs.getInt("DECIMAL_DIGITS") + " nullable=" + rs.getInt("NULLABLE") + " isnull=" + rs.getString("IS_NULLABLE") + " auto=" + rs.getString("IS_AUTOINCREMENT"));
                    }
                    try (var rs = md.getPrimaryKeys(c.getCatalog(), c.getSchema(), t)) {
                        while (rs.next()) System.out.println("PK " + t + " " + rs.getString("COLUMN_NAME") + " seq=" + rs.getInt("KEY_SEQ") + " name=" + rs.getString("PK_NAME"));
                    }
                    try (var rs = md.getImportedKeys(c.getCatalog(), c.getSchema(), t)) {
                        while (rs.next()) System.out.println("FK " + t + " " + rs.getString("FKCOLUMN_NAME") + " -> " + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + " seq=" + rs.getInt("KEY_SEQ") + " name=" + rs.getString("FK_NAME"));
                    }
                    try (var rs = md.getIndexInfo(c.getCatalog(), c.getSchema(), t, true, false)) {
                        while (rs.next()) System.out.println("UX " + t + " " + rs.getString("INDEX_NAME") + " nonuniq=" + rs.getBoolean("NON_UNIQUE") + " col=" + rs.getString("COLUMN_NAME") + " pos=" + rs.getInt("ORDINAL_POSITION") + " type=" + rs.getShort("TYPE"));
                    }
                }
            });
        }
    }
}
