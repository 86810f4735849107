package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.SchemaFixtures;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The data generator on a realistic user schema, on the real servers. */
class SeedGeneratorTest {
    static final List<String> SHOP_TABLES = List.of("customers", "categories", "products", "orders", "order_items", "reviews");

    /** A digest of every row of each table, rows sorted by all columns, as the driver returns them. */
    static Map<String, String> checksums(Database db, List<String> tables) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String t : tables) {
            List<String> columns = MigrationsTest.columns(db, t).stream().sorted().toList();
            List<Field<Object>> fields = columns.stream().map(c -> DSL.field(DSL.name(c))).toList();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (var r : db.dsl().select(fields).from(DSL.table(DSL.name(t))).orderBy(fields).fetch()) {
                md.update(java.util.Arrays.toString(r.intoArray()).getBytes(StandardCharsets.UTF_8));
            }
            out.put(t, HexFormat.of().formatHex(md.digest()).substring(0, 16));
        }
        return out;
    }

    static SeedReport generate(TestDatabase tdb, GeneratorSettings settings) {
        try (Database db = Database.connect(tdb.config())) {
            Migrations.builder(db).locations(SchemaFixtures.location(SchemaFixtures.SHOP)).build().migrate();
            return Seeds.generate(db, settings, (t, d, n) -> { });
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theSameSeedGivesIdenticalTableChecksums(Vendor vendor) throws Exception {
        GeneratorSettings settings = GeneratorSettings.builder().rows(25).seed(7).table("order_items", 60).build();
        try (TestDatabase a = TestDatabases.create(vendor); TestDatabase b = TestDatabases.create(vendor);
                TestDatabase c = TestDatabases.create(vendor)) {
            SeedReport first = generate(a, settings);
            assertThat(first.notFilled()).isEmpty();
            assertThat(first.rowsInserted()).containsEntry("customers", 25L).containsEntry("categories", 25L)
                    .containsEntry("products", 25L).containsEntry("orders", 25L).containsEntry("order_items", 60L)
                    .containsEntry("reviews", 25L).containsKey("audit_log");
            // parents before children
            List<String> order = new ArrayList<>(first.rowsInserted().keySet());
            assertThat(order.indexOf("customers")).isLessThan(order.indexOf("orders"));
            assertThat(order.indexOf("orders")).isLessThan(order.indexOf("order_items"));
            assertThat(order.indexOf("products")).isLessThan(order.indexOf("order_items"));
            SeedReport second = generate(b, settings);
            assertThat(second.rowsInserted()).isEqualTo(first.rowsInserted());
            SeedReport other = generate(c, GeneratorSettings.builder().rows(25).seed(8).table("order_items", 60).build());
            try (Database da = Database.connect(a.config()); Database db = Database.connect(b.config()); Database dc = Database.connect(c.config())) {
                // audit_log is left out: its trigger-written rows carry the time of the insert
                Map<String, String> sumA = checksums(da, SHOP_TABLES);
                assertThat(checksums(db, SHOP_TABLES)).isEqualTo(sumA);
                assertThat(checksums(dc, SHOP_TABLES).get("customers")).isNotEqualTo(sumA.get("customers"));
                // the data fits: enum values, checks, foreign keys
                assertThat(da.dsl().fetchValue("SELECT count(*) FROM orders WHERE status NOT IN ('pending', 'paid', 'shipped', 'cancelled')"))
                        .asString().isEqualTo("0");
                assertThat(da.dsl().fetchValue("SELECT count(*) FROM reviews WHERE rating < 1 OR rating > 5")).asString().isEqualTo("0");
                assertThat(da.dsl().fetchValue("SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id")).asString().isEqualTo("60");
                // running it again with the same settings changes nothing
                assertThat(Seeds.generate(da, settings, (t, d, n) -> { }).alreadyApplied()).isTrue();
                assertThat(checksums(da, SHOP_TABLES)).isEqualTo(sumA);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameValuesOnEveryVendor() {
        Map<Vendor, List<String>> customers = new TreeMap<>();
        for (Vendor v : Vendor.values()) {
            try (TestDatabase tdb = TestDatabases.create(v)) {
                generate(tdb, GeneratorSettings.builder().rows(12).seed(3).build());
                try (Database db = Database.connect(tdb.config())) {
                    List<String> rows = new ArrayList<>();
                    for (var r : db.dsl().fetch("SELECT email, name FROM customers ORDER BY id")) {
                        rows.add(r.get(0) + " " + r.get(1));
                    }
                    for (var r : db.dsl().fetch("SELECT sku, stock FROM products ORDER BY id")) {
                        rows.add(String.valueOf(r.get(0)).strip() + " " + r.get(1));
                    }
                    customers.put(v, rows);
                }
            }
        }
        assertThat(customers.get(Vendor.POSTGRESQL)).hasSize(24).isEqualTo(customers.get(Vendor.MYSQL)).isEqualTo(customers.get(Vendor.SQLITE));
        assertThat(customers.get(Vendor.POSTGRESQL).get(0)).matches("\\w+\\.0@example\\.com \\w+ \\w+");
    }

    @Test
    void tablesItCannotFillAreNamedWithTheReason() {
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = Database.connect(tdb.config())) {
            db.dsl().execute("CREATE TABLE hosts (id serial PRIMARY KEY, address inet NOT NULL)");
            db.dsl().execute("CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL)");
            db.dsl().execute("CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a (id))");
            db.dsl().execute("ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id)");
            db.dsl().execute("CREATE TABLE leaf (id int PRIMARY KEY, host_id int NOT NULL REFERENCES hosts (id), tags text[])");
            db.dsl().execute("CREATE TABLE ratings (id int PRIMARY KEY, stars smallint NOT NULL UNIQUE CHECK (stars BETWEEN 1 AND 5))");
            db.dsl().execute("CREATE TABLE fine (id uuid PRIMARY KEY, note varchar(3), at timestamptz NOT NULL, doc jsonb NOT NULL)");
            SeedReport r = Seeds.generate(db, GeneratorSettings.builder().rows(10).seed(1).build(), (t, d, n) -> { });
            assertThat(r.notFilled()).containsOnlyKeys("hosts", "a", "b", "leaf", "ratings");
            assertThat(r.notFilled().get("hosts")).isEqualTo("column address has type inet, which the generator cannot fill");
            assertThat(r.notFilled().get("a")).contains("cycle of NOT NULL columns with b");
            assertThat(r.notFilled().get("leaf")).startsWith("foreign key (host_id) needs rows in hosts, which has none (column address");
            assertThat(r.notFilled().get("ratings")).isEqualTo("filled 5 of 10 rows: its unique keys ran out of distinct values");
            assertThat(r.rowsInserted()).containsEntry("ratings", 5L).containsEntry("fine", 10L);
            assertThat(db.dsl().fetchValue("SELECT max(length(note)) FROM fine")).asString().isEqualTo("3");
        }
    }

    @Test
    void anUnknownTableInTheSettingsIsRefused() {
        try (TestDatabase tdb = TestDatabases.sqlite(); Database db = Database.connect(tdb.config())) {
            db.dsl().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            assertThatThrownBy(() -> Seeds.generate(db, GeneratorSettings.builder().table("nope", 5).build(), (t, d, n) -> { }))
                    .isInstanceOf(ConfigException.class).hasMessage("Invalid --table 'nope': a table of the database: t");
            assertThatThrownBy(() -> GeneratorSettings.builder().table("t:5")).hasMessageContaining("TABLE=ROWS");
            assertThatThrownBy(() -> GeneratorSettings.builder().rows(-1)).hasMessageContaining("from 0 to 1000000");
        }
    }
}
