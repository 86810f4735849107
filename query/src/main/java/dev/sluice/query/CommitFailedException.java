package dev.sluice.query;

import java.sql.SQLException;
import org.jooq.exception.DataAccessException;

/**
 * A commit failed. Usually whether it took effect is unknown ({@link #outcomeUnknown()}): the connection was lost
 * before the server's answer arrived, so the transaction may or may not have been applied, and it is never
 * retried. When the server answered the commit with an error that rolled the transaction back (a deferred
 * constraint, a serialization failure), the outcome is known: nothing was applied.
 */
public final class CommitFailedException extends DataAccessException {
    private static final long serialVersionUID = 1L;

    private final boolean outcomeUnknown;

    CommitFailedException(SQLException cause, boolean outcomeUnknown) {
        super(outcomeUnknown
                ? "The commit failed; whether the transaction took effect is unknown, so it was not retried: " + cause.getMessage()
                : "The commit failed and the server rolled the transaction back: " + cause.getMessage(), cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * Whether the transaction may have taken effect: true when the answer to the commit was lost (check the data
     * before doing the work again); false when the server reported that it rolled the transaction back.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
