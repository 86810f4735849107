package dev.sluice.migrations.internal;

import dev.sluice.connection.Vendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs parsed statements on a connection, as a script client would: one by one, with PostgreSQL's
 * {@code COPY ... FROM stdin} data sent through the driver's copy API (see {@link MigrationDialect#copyIn}). Transactions are the caller's.
 */
public final class ScriptRunner {
    private ScriptRunner() {}

    /** A statement failed: which one, its position (1-based), and the database's error. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SqlStatements.Statement statement;
        private final int index;

        Failure(SqlStatements.Statement statement, int index, SQLException cause) {
            super(cause.getMessage(), cause);
            this.statement = statement;
            this.index = index;
        }

        /** The statement that failed. */
        public SqlStatements.Statement statement() {
            return statement;
        }

        /** Its position in the script, from 1. */
        public int index() {
            return index;
        }

        /** {@code at line 3 (INSERT INTO ...): <the database's message>}. */
        public String describe() {
            return "at line " + statement.line() + " (" + statement.summary() + "): " + FailureMessages.firstLine(getMessage());
        }
    }

    /**
     * Runs the statements in order.
     *
     * @return rows changed in all, as the driver reports them
     * @throws Failure naming the statement that failed; those before it ran
     */
    public static long run(Connection c, List<SqlStatements.Statement> statements, Vendor vendor) throws Failure {
        long changed = 0;
        int index = 0;
        for (SqlStatements.Statement st : statements) {
            index++;
            try (Statement s = c.createStatement()) {
                if (st.copyData() != null) {
                    changed += MigrationDialect.of(vendor).copyIn(c, st.sql(), st.copyData());
                } else {
                    s.execute(st.sql());
                    changed += Math.max(0, s.getUpdateCount());
                }
            } catch (SQLException e) {
                throw new Failure(st, index, e);
            }
        }
        return changed;
    }
}
