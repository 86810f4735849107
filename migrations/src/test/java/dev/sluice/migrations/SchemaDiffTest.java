package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The next migration from a migrated database and one changed by hand, on each real server: tables, columns, defaults,
 * indexes, foreign keys and views become statements that reproduce the change; a trigger added by hand is listed, not
 * dropped.
 */
class SchemaDiffTest {
    private static final String BASE = "CREATE TABLE authors (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
            + "CREATE TABLE books (id INTEGER NOT NULL PRIMARY KEY, author_id INTEGER NOT NULL, title VARCHAR(200) NOT NULL, "
            + "CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id));\n"
            // refers to a table after it in name order
            + "CREATE TABLE awards (id INTEGER NOT NULL PRIMARY KEY, book_id INTEGER NOT NULL, "
            + "CONSTRAINT awards_book_fk FOREIGN KEY (book_id) REFERENCES books (id))";

    static String trigger(Vendor v) {
        return switch (v) {
            case POSTGRESQL -> "CREATE FUNCTION trim_title() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.title := trim(NEW.title); "
                    + "RETURN NEW; END; $$;\nCREATE TRIGGER books_trim BEFORE INSERT ON books FOR EACH ROW EXECUTE FUNCTION trim_title()";
            case MYSQL -> "CREATE TRIGGER books_trim BEFORE INSERT ON books FOR EACH ROW SET NEW.title = TRIM(NEW.title)";
            case SQLITE -> "CREATE TRIGGER books_trim AFTER INSERT ON books BEGIN UPDATE books SET title = trim(NEW.title) WHERE id = NEW.id; END";
        };
    }

    static void run(Database db, String sql) {
        for (String s : sql.split(";\n")) {
            db.dsl().execute(s);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void changesMadeByHandBecomeTheNextMigrationAndTheRestIsListed(Vendor vendor) {
        try (TestDatabase a = TestDatabases.create(vendor); TestDatabase b = TestDatabases.create(vendor); TestDatabase c = TestDatabases.create(vendor);
                Database migrated = Database.connect(a.config()); Database changed = Database.connect(b.config());
                Database replay = Database.connect(c.config())) {
            run(migrated, BASE);
            run(changed, BASE);
            run(replay, BASE);
            run(changed, "ALTER TABLE books ADD COLUMN pages INTEGER DEFAULT 10;\n"
                    + "CREATE INDEX books_title ON books (title);\n"
                    + "CREATE TABLE reviews (id INTEGER NOT NULL PRIMARY KEY, book_id INTEGER NOT NULL, stars INTEGER NOT NULL DEFAULT 3, "
                    + "CONSTRAINT reviews_book_fk FOREIGN KEY (book_id) REFERENCES books (id));\n"
                    + "CREATE VIEW long_books AS SELECT id, title FROM books WHERE pages > 300;\n" + trigger(vendor));

            SchemaDiff diff = SchemaDiff.between(migrated, changed);

            String script = String.join(";\n", diff.statements()).toLowerCase();
            assertThat(script).contains("pages").contains("default").contains("books_title").contains("reviews")
                    .contains("reviews_book_fk").contains("long_books");
            assertThat(diff.notExpressed()).as(diff.script())
                    .anySatisfy(p -> assertThat(p).startsWith("not in the script: trigger books_trim on books: missing"))
                    .allSatisfy(p -> assertThat(p).containsAnyOf("books_trim", "trim_title"));
            assertThat(diff.script()).contains("NOT EXPRESSED").contains("books_trim");

            // the script turns a database at the migrated state into the changed one (apart from what it lists)
            run(replay, String.join(";\n", diff.statements()));
            replay.dsl().execute("INSERT INTO authors (id, name) VALUES (1, 'A')");
            replay.dsl().execute("INSERT INTO books (id, author_id, title) VALUES (1, 1, 'T')");
            replay.dsl().execute("INSERT INTO reviews (id, book_id) VALUES (1, 1)");
            assertThat(replay.dsl().fetchValue("SELECT pages FROM books", Integer.class)).isEqualTo(10);
            assertThat(replay.dsl().fetchValue("SELECT stars FROM reviews", Integer.class)).isEqualTo(3);
            assertThat(replay.dsl().fetchCount(org.jooq.impl.DSL.table("long_books"))).isZero();
            assertThat(SchemaDiff.between(replay, changed).notExpressed()).allSatisfy(p -> assertThat(p).containsAnyOf("books_trim", "trim_title"));
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void identicalDatabasesHaveNoDifference(Vendor vendor) {
        try (TestDatabase a = TestDatabases.create(vendor); TestDatabase b = TestDatabases.create(vendor);
                Database one = Database.connect(a.config()); Database two = Database.connect(b.config())) {
            run(one, BASE + ";\n" + trigger(vendor));
            run(two, BASE + ";\n" + trigger(vendor));
            SchemaDiff diff = SchemaDiff.between(one, two);
            assertThat(diff.empty()).as(diff.script()).isTrue();
        }
    }
}
