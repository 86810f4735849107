package dev.sluice.query.internal;

import org.jooq.Context;
import org.jooq.SQL;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;

/**
 * A plain SQL template marked as allowed in tenant-scoped transactions: its author takes care of the tenant filter,
 * which jOOQ cannot add to SQL it does not parse.
 */
public final class TrustedSql extends CustomQueryPart implements SQL {
    private static final long serialVersionUID = 1L;

    private final SQL sql;

    /** @param sql the template, as {@link DSL#sql(String, Object...)} makes it */
    public TrustedSql(SQL sql) {
        this.sql = sql;
    }

    @Override
    public void accept(Context<?> ctx) {
        ctx.visit(sql);
    }
}
