package dev.sluice.migrations;

import static dev.sluice.schema.db.Tables.EVENTS;
import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.SUBMISSIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static dev.sluice.schema.db.Tables.WORKFLOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.schema.ScaleSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSON;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Demo and scale seeds on the real servers. */
class SeedsTest {
    static final List<Table<?>> TABLES = List.of(ORGANIZATIONS, USERS, FORMS, SUBMISSIONS, WORKFLOWS, EVENTS);

    static Map<String, Integer> counts(Database db) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Table<?> t : TABLES) {
            out.put(t.getName(), db.dsl().fetchCount(t));
        }
        return out;
    }

    /** Every row of every table, as text, in primary key order. */
    static Map<String, List<String>> content(Database db) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Table<?> t : TABLES) {
            List<String> rows = new ArrayList<>();
            for (var r : db.dsl().selectFrom(t).orderBy(t.getPrimaryKey().getFields()).fetch()) {
                rows.add(r.formatCSV(false).strip());
            }
            out.put(t.getName(), rows);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void demoSeedTwiceChangesNothing(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations.builder(db).build().migrate();
            List<String> progress = new ArrayList<>();
            SeedReport first = Seeds.load(db, new DemoSeed(), (table, done, total) -> progress.add(table + ":" + done));
            assertThat(first.alreadyApplied()).isFalse();
            assertThat(first.rowsInserted()).containsOnlyKeys("organizations", "users", "forms", "submissions", "workflows", "events");
            assertThat(first.rowsInserted().get("organizations")).isEqualTo(2);
            assertThat(progress).contains("organizations:2", "users:6").last().asString().startsWith("events:");
            Map<String, Integer> after = counts(db);
            assertThat(after).containsEntry("organizations", 2).containsEntry("users", 6).containsEntry("forms", 4)
                    .containsEntry("submissions", 6).containsEntry("workflows", 2);
            assertThat(after.get("events")).isEqualTo(first.rowsInserted().get("events").intValue());
            Map<String, List<String>> content = content(db);

            SeedReport second = Seeds.load(db, new DemoSeed(), (t, d, n) -> { });
            assertThat(second.alreadyApplied()).isTrue();
            assertThat(counts(db)).isEqualTo(after);
            assertThat(content(db)).isEqualTo(content);
            assertThat(Seeds.history(db)).singleElement().satisfies(h -> {
                assertThat(h).containsEntry("name", "demo");
                assertThat(h.get("rows")).isEqualTo(first.totalRows());
            });

            // the seed's explicit event ids do not stand in the way of new events
            db.dsl().insertInto(EVENTS, EVENTS.ORGANIZATION_ID, EVENTS.ENTITY_TYPE, EVENTS.ENTITY_ID, EVENTS.TYPE, EVENTS.PAYLOAD,
                    EVENTS.OCCURRED_AT).values(db.dsl().select(ORGANIZATIONS.ID).from(ORGANIZATIONS).limit(1).fetchOne().value1(),
                    "test", UUID.randomUUID(), "test.added", JSON.valueOf("{}"), java.time.OffsetDateTime.now()).execute();
            assertThat(db.dsl().fetchCount(EVENTS)).isEqualTo(after.get("events") + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void scaleSeedWithTheSameSeedGivesIdenticalContent(Vendor vendor) {
        try (TestDatabase a = TestDatabases.create(vendor); TestDatabase b = TestDatabases.create(vendor);
                Database dbA = Database.connect(a.config()); Database dbB = Database.connect(b.config())) {
            Migrations.builder(dbA).build().migrate();
            Migrations.builder(dbB).build().migrate();
            SeedReport ra = Seeds.load(dbA, new ScaleSeed(5, 42), (t, d, n) -> { });
            SeedReport rb = Seeds.load(dbB, new ScaleSeed(5, 42), (t, d, n) -> { });
            assertThat(ra.parameters()).isEqualTo("scale=5 seed=42");
            assertThat(ra.rowsInserted()).isEqualTo(rb.rowsInserted());
            assertThat(counts(dbA).get("organizations")).isEqualTo(5);
            assertThat(counts(dbA).get("users")).isBetween(15, 110);
            assertThat(counts(dbA).get("submissions")).isPositive();
            assertThat(content(dbA)).isEqualTo(content(dbB));

            // another seed gives other data, and is recorded separately
            SeedReport other = Seeds.load(dbB, new ScaleSeed(5, 43), (t, d, n) -> { });
            assertThat(other.alreadyApplied()).isFalse();
            assertThat(content(dbA)).isNotEqualTo(content(dbB));
            assertThat(Seeds.history(dbB)).hasSize(2);
        }
    }

    @Test
    void scaleIsChecked() {
        assertThatThrownBy(() -> new ScaleSeed(0, 1)).hasMessage("Invalid scale '0': must be an integer from 1 to 100000");
    }
}
