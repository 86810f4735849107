package dev.sluice.migrations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statement splitter on the syntax real scripts use; pure parsing, no database. */
class SqlStatementsTest {

    private static List<Integer> lines(List<SqlStatements.Statement> s) {
        return s.stream().map(SqlStatements.Statement::line).toList();
    }

    @Test
    void linesCountFromTheFirstCodeLineAndSkipCommentsAndQuotes() {
        String script = "-- header; not a statement\nCREATE TABLE a (id INT);\n\n/* block; comment */\nINSERT INTO a VALUES (1);"
                + " INSERT INTO a\nVALUES ('x;y');\n";
        List<SqlStatements.Statement> s = SqlStatements.parse(script, Vendor.SQLITE);
        assertThat(s).extracting(SqlStatements.Statement::sql)
                .containsExactly("-- header; not a statement\nCREATE TABLE a (id INT)", "/* block; comment */\nINSERT INTO a VALUES (1)",
                        "INSERT INTO a\nVALUES ('x;y')");
        assertThat(lines(s)).containsExactly(2, 5, 5);
        assertThat(s.get(0).ddl()).isTrue();
        assertThat(s.get(1).ddl()).isFalse();
    }

    @Test
    void postgresDollarQuotesAndCopyData() {
        String script = "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.at := now();\n  RETURN NEW;\nEND;\n$$;\n"
                + "COPY items (id, name) FROM stdin;\n1\tone; two\n2\tthree\n\\.\n"
                + "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
                + "SELECT 'C:\\';\n";
        List<SqlStatements.Statement> s = SqlStatements.parse(script, Vendor.POSTGRESQL);
        assertThat(s).hasSize(4);
        assertThat(s.get(0).sql()).endsWith("END;\n$$");
        assertThat(s.get(1).sql()).isEqualTo("COPY items (id, name) FROM stdin");
        assertThat(s.get(1).copyData()).isEqualTo("1\tone; two\n2\tthree\n");
        assertThat(s.get(2).sql()).endsWith("SELECT 2; END");
        assertThat(s.get(3).sql()).isEqualTo("SELECT 'C:\\'");
        assertThat(lines(s)).containsExactly(1, 7, 11, 12);
    }

    @Test
    void mysqlDelimiterBlocksBackslashesAndHashComments() {
        String script = "# a comment; still a comment\nCREATE TABLE t (s VARCHAR(10));\n-- note\nDELIMITER //\n"
                + "CREATE PROCEDURE p()\nBEGIN\n  INSERT INTO t VALUES ('a\\';b');\n  IF 1 THEN SELECT 1; END IF;\nEND //\n"
                + "DELIMITER ;\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.s = CASE WHEN NEW.s IS NULL THEN 'x' ELSE NEW.s END; END;\n"
                + "INSERT INTO t VALUES ('z');\n";
        List<SqlStatements.Statement> s = SqlStatements.parse(script, Vendor.MYSQL);
        assertThat(s).extracting(SqlStatements.Statement::code).containsExactly(
                "CREATE TABLE t (s VARCHAR(10))",
                "CREATE PROCEDURE p()\nBEGIN\n  INSERT INTO t VALUES ('a\\';b');\n  IF 1 THEN SELECT 1; END IF;\nEND",
                "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.s = CASE WHEN NEW.s IS NULL THEN 'x' ELSE NEW.s END; END",
                "INSERT INTO t VALUES ('z')");
        assertThat(s.get(0).summary()).isEqualTo("CREATE TABLE t (s VARCHAR(10))");
        assertThat(s.get(2).summary()).hasSize(80).endsWith("...");
        assertThat(s.get(2).sql()).endsWith("ELSE NEW.s END; END");
        assertThat(lines(s)).containsExactly(2, 5, 11, 12);
    }

    @Test
    void sqliteTriggerBodiesKeepTheirSemicolons() {
        String script = "CREATE TRIGGER items_touch AFTER UPDATE ON items\nBEGIN\n  UPDATE items SET n = n + 1 WHERE id = NEW.id;\n"
                + "  INSERT INTO log VALUES (CASE WHEN NEW.n > 1 THEN 'many' ELSE 'one' END);\nEND;\nDROP TABLE x;";
        List<SqlStatements.Statement> s = SqlStatements.parse(script, Vendor.SQLITE);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).sql()).endsWith("END);\nEND");
        assertThat(s.get(1).sql()).isEqualTo("DROP TABLE x");
    }
}
