package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema drift check on the real PostgreSQL, MariaDB and SQLite. */
class DriftCheckTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aFreshlyMigratedDatabaseMatchesTheGeneratedClasses(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            DriftReport empty = m.checkSchema();
            assertThat(empty.clean()).isFalse();
            assertThat(empty.differences()).containsExactly("events: table missing", "forms: table missing",
                    "organizations: table missing", "submissions: table missing", "users: table missing", "workflows: table missing");

            m.migrate();
            DriftReport r = m.checkSchema();
            assertThat(r.differences()).isEmpty();
            assertThat(r.clean()).isTrue();
            assertThat(r.tablesChecked()).isEqualTo(6);
            assertThat(r.otherTables()).containsExactly(Migrations.BUILT_IN_TABLE);
            assertThat(r.summary()).isEqualTo("schema matches: 6 tables checked (1 other table not compared: sluice_schema_history)");
        }
    }

    /** Per vendor: drop forms.title, add submissions.legacy_flag, shorten users.display_name, make workflows.name nullable. */
    private static final Map<Vendor, List<String>> ALTERED_COLUMNS = Map.of(
            Vendor.POSTGRESQL, List.of(
                    "ALTER TABLE forms DROP COLUMN title",
                    "ALTER TABLE submissions ADD COLUMN legacy_flag boolean",
                    "ALTER TABLE users ALTER COLUMN display_name TYPE varchar(100)",
                    "ALTER TABLE workflows ALTER COLUMN name DROP NOT NULL"),
            Vendor.MYSQL, List.of(
                    "ALTER TABLE forms DROP COLUMN title",
                    "ALTER TABLE submissions ADD COLUMN legacy_flag BOOLEAN",
                    "ALTER TABLE users MODIFY display_name VARCHAR(100) NOT NULL",
                    "ALTER TABLE workflows MODIFY name VARCHAR(200) NULL"),
            // SQLite cannot alter a column: drop it and add it back with another declaration (3.35+)
            Vendor.SQLITE, List.of(
                    "ALTER TABLE forms DROP COLUMN title",
                    "ALTER TABLE submissions ADD COLUMN legacy_flag BOOLEAN",
                    "ALTER TABLE users DROP COLUMN display_name",
                    "ALTER TABLE users ADD COLUMN display_name VARCHAR(100) NOT NULL DEFAULT ''",
                    "ALTER TABLE workflows DROP COLUMN name",
                    "ALTER TABLE workflows ADD COLUMN name VARCHAR(200) NULL"));

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void alteredColumnsAreNamedOneLineEach(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            m.migrate();
            ALTERED_COLUMNS.get(vendor).forEach(sql -> db.dsl().execute(sql));

            DriftReport r = m.checkSchema();
            assertThat(r.clean()).isFalse();
            assertThat(r.differences()).containsExactly(
                    "forms.title: missing",
                    "submissions: unexpected column legacy_flag",
                    "users.display_name: expected VARCHAR(200) NOT NULL, found VARCHAR(100) NOT NULL",
                    "workflows.name: expected VARCHAR(200) NOT NULL, found VARCHAR(200) NULL");
            assertThat(r.summary()).isEqualTo("4 differences in 6 tables checked: forms.title: missing; "
                    + "submissions: unexpected column legacy_flag; "
                    + "users.display_name: expected VARCHAR(200) NOT NULL, found VARCHAR(100) NOT NULL; "
                    + "workflows.name: expected VARCHAR(200) NOT NULL, found VARCHAR(200) NULL");
        }
    }

    /** Per vendor: events rebuilt with a two-column primary key and no foreign key; slug no longer unique; email unique. */
    private static final Map<Vendor, List<String>> ALTERED_KEYS = Map.of(
            Vendor.POSTGRESQL, List.of(
                    "DROP TABLE workflows",
                    "DROP TABLE events",
                    "CREATE TABLE events (id bigint NOT NULL, organization_id uuid NOT NULL, entity_type varchar(32) NOT NULL,"
                            + " entity_id uuid NOT NULL, type varchar(64) NOT NULL, payload jsonb NOT NULL,"
                            + " occurred_at timestamptz NOT NULL, PRIMARY KEY (id, organization_id))",
                    "ALTER TABLE organizations DROP CONSTRAINT organizations_slug_key",
                    "CREATE UNIQUE INDEX users_email_key ON users (email)"),
            Vendor.MYSQL, List.of(
                    "DROP TABLE workflows",
                    "DROP TABLE events",
                    "CREATE TABLE events (id BIGINT NOT NULL, organization_id CHAR(36) NOT NULL, entity_type VARCHAR(32) NOT NULL,"
                            + " entity_id CHAR(36) NOT NULL, type VARCHAR(64) NOT NULL, payload JSON NOT NULL,"
                            + " occurred_at DATETIME(6) NOT NULL, PRIMARY KEY (id, organization_id))",
                    "ALTER TABLE organizations DROP INDEX organizations_slug_key",
                    "CREATE UNIQUE INDEX users_email_key ON users (email)"),
            // SQLite cannot drop a UNIQUE constraint: rebuild organizations without it (nothing references a row yet)
            Vendor.SQLITE, List.of(
                    "DROP TABLE workflows",
                    "DROP TABLE events",
                    "CREATE TABLE events (id INTEGER NOT NULL, organization_id TEXT NOT NULL, entity_type VARCHAR(32) NOT NULL,"
                            + " entity_id TEXT NOT NULL, type VARCHAR(64) NOT NULL, payload TEXT NOT NULL,"
                            + " occurred_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (id, organization_id))",
                    "CREATE TABLE organizations_new (id TEXT NOT NULL, slug VARCHAR(63) NOT NULL, name VARCHAR(200) NOT NULL,"
                            + " settings TEXT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (id))",
                    "DROP TABLE organizations",
                    "ALTER TABLE organizations_new RENAME TO organizations",
                    "CREATE UNIQUE INDEX users_email_key ON users (email)"));

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void keysAndTablesAreCompared(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            m.migrate();
            db.dsl().execute("CREATE TABLE app_notes (id INT PRIMARY KEY, note VARCHAR(20))");
            ALTERED_KEYS.get(vendor).forEach(sql -> db.dsl().execute(sql));

            DriftReport r = m.checkSchema();
            assertThat(r.differences()).containsExactly(
                    "events: primary key expected (id), found (id, organization_id)",
                    "events: foreign key (organization_id) -> organizations (id) missing",
                    "events: unique key (organization_id, id) missing",
                    "organizations: unique key (slug) missing",
                    "users: unexpected unique key (email)",
                    "workflows: table missing");
            assertThat(r.otherTables()).containsExactly("app_notes", Migrations.BUILT_IN_TABLE);
            assertThat(r.summary()).startsWith("6 differences in 6 tables checked: events: primary key expected (id), found (id, organization_id); ");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aDatabaseAtVersion1LacksOnlyTheColumnVersion2Adds(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            m.migrate("1");
            // V1 has events_organization_id_idx instead of V2's two event indexes: indexes that are not unique are not compared
            DriftReport r = m.checkSchema();
            assertThat(r.differences()).contains("forms.description: missing");
            assertThat(r.clean()).isFalse();

            m.migrate();
            assertThat(m.checkSchema().clean()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aDatabaseAtVersion2LacksOnlyTheTenantScopedKeysOfVersion3(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            m.migrate("2");
            assertThat(m.checkSchema().differences()).containsExactlyInAnyOrder(
                    "users: unique key (organization_id, id) missing",
                    "forms: unique key (organization_id, id) missing",
                    "submissions: unique key (organization_id, id) missing",
                    "workflows: unique key (organization_id, id) missing",
                    "events: unique key (organization_id, id) missing",
                    "forms: foreign key (organization_id, created_by) -> users (organization_id, id) missing",
                    "forms: unexpected foreign key (created_by) -> users (id)",
                    "submissions: foreign key (organization_id, form_id) -> forms (organization_id, id) missing",
                    "submissions: foreign key (organization_id, submitted_by) -> users (organization_id, id) missing",
                    "submissions: unexpected foreign key (form_id) -> forms (id)",
                    "workflows: foreign key (organization_id, form_id) -> forms (organization_id, id) missing",
                    "workflows: unexpected foreign key (form_id) -> forms (id)");
            m.migrate();
            assertThat(m.checkSchema().clean()).as("V3 on %s matches the classes generated from the PostgreSQL scripts", vendor).isTrue();
            m.rollback("2");
            assertThat(m.checkSchema().differences()).as("U3 undoes V3 exactly").hasSize(12);
        }
    }

    @Test
    void aMissingExpectedSchemaIsRejected() {
        try (TestDatabase tdb = TestDatabases.sqlite(); Database db = Database.connect(tdb.config())) {
            assertThatThrownBy(() -> Migrations.builder(db).build().checkSchema(null))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("expected schema");
        }
    }
}
