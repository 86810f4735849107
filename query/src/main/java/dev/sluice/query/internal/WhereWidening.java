package dev.sluice.query.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Clause;
import org.jooq.Condition;
import org.jooq.QueryPart;
import org.jooq.Select;
import org.jooq.SelectFinalStep;
import org.jooq.SelectQuery;
import org.jooq.VisitContext;

/**
 * Adds a select's tenant conditions to its WHERE clause while jOOQ renders the select, instead of rendering a copy of
 * the select with a new WHERE ({@code Select.$where(...)} copies the whole query model: about 1,400 of the 16,000 bytes
 * of a scoped primary-key select on SQLite). jOOQ renders a select's WHERE clause as one visit of the object that holds
 * all its conditions, inside the select's {@code SELECT_WHERE} clause, which it opens and closes even when there is no
 * WHERE. When that object is visited directly under the select in that clause, it is replaced by itself {@code AND} the
 * tenant conditions (parenthesised as any jOOQ condition, so an {@code OR} in the select's own WHERE cannot escape
 * them); when the clause closes without it (no WHERE), {@code WHERE} and the tenant conditions are rendered there.
 *
 * <p>Fails closed: when a select that waited for its WHERE clause ends without the tenant conditions (a jOOQ version
 * that renders the clause differently), rendering fails with an {@link IllegalStateException} and the statement is
 * not sent. Selects whose FROM clause changes (an outer join's ON gets a condition) are rendered as a copy instead.
 */
final class WhereWidening {
    /** The key of the selects waiting for their WHERE clause in the render context's data. */
    private static final Object PENDING = WhereWidening.class;
    /** jOOQ's holder of a clause's conditions (package-private in jOOQ); {@code null} if renamed, so nothing is widened. */
    private static final Class<?> CONDITIONS = conditionsClass();

    private WhereWidening() {}

    /** A select's query, the conditions its WHERE clause gets, and whether they were added. */
    private static final class Pending {
        final QueryPart query;
        final Condition added;
        /** Whether the conditions were added to a rendering of the select. */
        boolean done;
        /** Whether they were added in the WHERE clause being rendered now. */
        boolean inThisClause;

        Pending(QueryPart query, Condition added) {
            this.query = query;
            this.added = added;
        }
    }

    private static Class<?> conditionsClass() {
        try {
            return Class.forName("org.jooq.impl.ConditionProviderImpl", false, Condition.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * The query object that renders {@code s}'s clauses: {@code s} itself, or the {@link SelectQuery} behind jOOQ's
     * step objects; {@code null} for other selects.
     */
    static QueryPart query(Select<?> s) {
        return s instanceof SelectQuery<?> ? s : s instanceof SelectFinalStep<?> f ? f.getQuery() : null;
    }

    /** Whether {@code s} already waits for its WHERE clause in this rendering (jOOQ visits a step object, then its query). */
    static boolean waiting(VisitContext ctx, Select<?> s) {
        return find(list(ctx), query(s)) != null;
    }

    /**
     * Makes the WHERE clause of {@code s} get {@code added} when rendered; {@code false} when that cannot be done here
     * (a select jOOQ does not render through a {@link SelectQuery}), so the caller copies the select.
     */
    static boolean expect(VisitContext ctx, Select<?> s, Condition added) {
        QueryPart query = query(s);
        if (CONDITIONS == null || query == null) {
            return false;
        }
        List<Pending> pending = list(ctx);
        if (pending == null) {
            pending = new ArrayList<>(2);
            ctx.data(PENDING, pending);
        }
        pending.add(new Pending(query, added));
        return true;
    }

    /** At the start of each visit: the WHERE conditions of a waiting select become themselves AND its tenant conditions. */
    static void widen(VisitContext ctx) {
        QueryPart part = ctx.queryPart();
        if (part.getClass() != CONDITIONS) {
            return;
        }
        List<Pending> pending = list(ctx);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        QueryPart[] parts = ctx.queryParts();
        Pending p = parts.length >= 2 ? find(pending, parts[parts.length - 2]) : null;
        if (p == null || !inWhereClause(ctx.clauses())) {
            return; // another select's conditions (or these, inside their replacement), or this select's HAVING or QUALIFY
        }
        ctx.queryPart(((Condition) part).and(p.added));
        p.done = true;
        p.inThisClause = true;
    }

    /** When a waiting select's WHERE clause opens. */
    static void clauseStart(VisitContext ctx) {
        Pending p = ctx.clause() == Clause.SELECT_WHERE ? find(list(ctx), ctx.queryPart()) : null;
        if (p != null) {
            p.inThisClause = false;
        }
    }

    /** When a waiting select's WHERE clause closes without its conditions (it has no WHERE): renders one. */
    static void clauseEnd(VisitContext ctx) {
        Pending p = ctx.clause() == Clause.SELECT_WHERE ? find(list(ctx), ctx.queryPart()) : null;
        if (p != null && !p.inThisClause) {
            ctx.context().formatSeparator().visit(org.jooq.impl.DSL.keyword("where")).sql(' ').visit(p.added);
            p.done = true;
            p.inThisClause = true;
        }
    }

    /**
     * At the end of each select's visit: its WHERE must have been widened if it was waiting for it.
     *
     * @throws IllegalStateException when it was not, before the statement is sent
     */
    static void verify(VisitContext ctx, Select<?> s) {
        List<Pending> pending = list(ctx);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        Pending p = find(pending, query(s));
        if (p == null) {
            return; // not waiting, or its query was verified when its own visit ended
        }
        pending.remove(p);
        if (!p.done) {
            throw new IllegalStateException("Sluice's tenant filter could not add the tenant condition to the WHERE clause of a "
                    + "select as jOOQ rendered it, so the statement was not sent; please report this with the jOOQ version");
        }
    }

    /** Whether the innermost SELECT clause being rendered is at its WHERE clause. */
    private static boolean inWhereClause(Clause[] clauses) {
        for (int i = clauses.length - 1; i >= 0; i--) {
            Clause c = clauses[i];
            if (c == Clause.SELECT_WHERE) {
                return true;
            }
            if (c.name().startsWith("SELECT")) {
                return false;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static List<Pending> list(VisitContext ctx) {
        return (List<Pending>) ctx.data(PENDING);
    }

    private static Pending find(List<Pending> pending, QueryPart query) {
        if (pending != null && query != null) {
            for (Pending p : pending) {
                if (p.query == query) {
                    return p;
                }
            }
        }
        return null;
    }
}
