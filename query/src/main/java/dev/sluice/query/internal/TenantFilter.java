package dev.sluice.query.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.Row;
import org.jooq.SQL;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.VisitListenerProvider;
import org.jooq.impl.DSL;
import dev.sluice.query.TenantViolationException;
import org.jooq.impl.QOM;

/**
 * Tenant isolation where the server has none (and beside PostgreSQL's row-level security): while a statement is
 * rendered for a tenant transaction, every SELECT (top level, subquery, {@code exists}, CTE, derived table) gets
 * {@code t.tenant_column = :tenant} for each tenant table it reads, in its WHERE clause, or in the ON clause of the
 * outer join that may produce the table's rows as NULLs; UPDATE and DELETE get it for their target; INSERT gets the
 * tenant's value for the column, and an INSERT or UPDATE that sets another value is rejected. Plain SQL templates,
 * opaque to jOOQ, are rejected unless marked trusted ({@code TenantScope.trusted}).
 *
 * <p>Attached through {@link #provider()}, which jOOQ asks for a listener each time it renders or binds a statement, on
 * the thread that runs it: inside a tenant transaction of the pool it gets this filter, elsewhere a listener that does
 * nothing, so that statements outside tenant scopes (most of them) do not pay for the filter's checks of every query
 * part. The choice is made when the statement is rendered, not when it is built, so a query built on
 * {@code db.dsl()} outside a scope and run inside one is filtered like any other.
 */
public final class TenantFilter implements VisitListener {
    private static final java.util.regex.Pattern SUBQUERY = java.util.regex.Pattern.compile("(?i)\\bselect\\b");
    /**
     * What statements outside tenant transactions get: a listener that does nothing but, at the first query part, ask
     * jOOQ not to work out the clauses of every part it visits (jOOQ does that whenever a listener is attached, for its
     * clause events: about 2% of a primary-key select's CPU time on SQLite). Only when this filter is the
     * configuration's one visit listener: a user's own listener may read {@code VisitContext.clause()}.
     */
    private static final VisitListener UNSCOPED = new VisitListener() {
        @Override
        public void visitStart(VisitContext ctx) {
            if (OMIT_CLAUSE_EVENTS != null && ctx.queryPartsLength() == 1
                    && ctx.configuration().visitListenerProviders().length == 1) {
                ctx.data(OMIT_CLAUSE_EVENTS, Boolean.TRUE);
            }
        }
    };
    /**
     * jOOQ's internal key that turns off the clause events of visited parts (it uses it for its own emulations), or
     * {@code null} if a jOOQ version renamed it: then the events run, which only costs time.
     */
    private static final Object OMIT_CLAUSE_EVENTS = omitClauseEventsKey();

    private final Object pool;
    private final TenantTables tables;

    /**
     * @param pool the pool whose tenant transactions are filtered
     * @param tables which tables hold tenant rows
     */
    public TenantFilter(Object pool, TenantTables tables) {
        this.pool = pool;
        this.tables = tables;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object omitClauseEventsKey() {
        try {
            Class<?> keys = Class.forName("org.jooq.impl.Tools$BooleanDataKey", false, VisitListener.class.getClassLoader());
            return Enum.valueOf((Class) keys, "DATA_OMIT_CLAUSE_EVENT_EMISSION");
        } catch (ClassNotFoundException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /**
     * What to attach to a jOOQ configuration: gives jOOQ this filter for a statement rendered inside a tenant
     * transaction of the pool, and a listener that does nothing for any other.
     */
    public VisitListenerProvider provider() {
        return () -> {
            ActiveTransaction t = ActiveTransaction.current(pool);
            return t != null && t.tenant() != null ? this : UNSCOPED;
        };
    }

    @Override
    public void visitStart(VisitContext ctx) {
        WhereWidening.widen(ctx);
        QueryPart part = ctx.queryPart();
        if (!(part instanceof Select || part instanceof QOM.Update || part instanceof QOM.Delete || part instanceof QOM.Insert
                || part instanceof SQL)) {
            return;
        }
        ActiveTransaction t = ActiveTransaction.current(pool);
        UUID tenant = t == null ? null : t.tenant();
        if (tenant == null) {
            return;
        }
        if (part instanceof SQL && !allowed(ctx)) {
            throw new TenantViolationException("Plain SQL is not allowed in a tenant-scoped transaction: jOOQ cannot add the "
                    + "tenant filter to it (" + abbreviate(part) + "). Build the statement with jOOQ, or mark it "
                    + "TenantScope.trusted(...) once it filters on " + tables.column() + " itself");
        }
        if (part instanceof SQL) {
            return;
        }
        QueryPart replacement = switch (part) {
            case Select<?> s -> select(ctx, s, tenant);
            case QOM.Update<?> u -> update(u, tenant);
            case QOM.Delete<?> d -> delete(d, tenant);
            case QOM.Insert<?> i -> insert(i, tenant);
            default -> part;
        };
        if (replacement != part) {
            ctx.queryPart(replacement);
        }
    }

    @Override
    public void clauseStart(VisitContext ctx) {
        WhereWidening.clauseStart(ctx);
    }

    @Override
    public void clauseEnd(VisitContext ctx) {
        WhereWidening.clauseEnd(ctx);
    }

    /** A select whose WHERE clause was to get the tenant conditions while rendered must have got them. */
    @Override
    public void visitEnd(VisitContext ctx) {
        if (ctx.queryPart() instanceof Select<?> s) {
            WhereWidening.verify(ctx, s);
        }
    }

    /**
     * Whether a plain SQL template may run: inside a {@link TrustedSql}; or as a field expression without a subquery,
     * which cannot read rows (jOOQ renders {@code count(*)} that way too). Statements, tables and conditions written
     * as plain SQL may read or change any tenant's rows, so they are refused.
     */
    private static boolean allowed(VisitContext ctx) {
        QueryPart[] stack = ctx.queryParts();
        for (QueryPart p : stack) {
            if (p instanceof TrustedSql) {
                return true;
            }
        }
        QueryPart parent = stack.length >= 2 ? stack[stack.length - 2] : null;
        return parent instanceof Field<?> && !(parent instanceof Condition) && !SUBQUERY.matcher(ctx.queryPart().toString()).find();
    }

    /**
     * The select with the tenant conditions of its tables: in its WHERE clause as it is rendered when its FROM clause
     * stays as it is ({@link WhereWidening}), else in a copy of the select.
     */
    private Select<?> select(VisitContext ctx, Select<?> s, UUID tenant) {
        if (WhereWidening.waiting(ctx, s)) {
            return s; // jOOQ's step object was visited first and arranged it for the query behind it, visited now
        }
        List<Condition> where = new ArrayList<>(2);
        List<? extends Table<?>> tables = s.$from();
        List<Table<?>> from = null; // made only when a join's ON clause changed: most selects keep their FROM
        for (int i = 0; i < tables.size(); i++) {
            Table<?> table = tables.get(i);
            Table<?> filtered = scope(table, where, tenant);
            if (filtered != table && from == null) {
                from = new ArrayList<>(tables.subList(0, i));
            }
            if (from != null) {
                from.add(filtered);
            }
        }
        if (where.isEmpty() && from == null) {
            return s;
        }
        if (from == null && WhereWidening.expect(ctx, s, where.size() == 1 ? where.get(0) : DSL.and(where))) {
            return s;
        }
        Select<?> out = from != null ? s.$from(from) : s;
        return where.isEmpty() ? out : out.$where(and(s.$where(), where));
    }

    private QueryPart update(QOM.Update<?> u, UUID tenant) {
        List<Condition> where = new ArrayList<>();
        Table<?> target = scope(u.$table(), where, tenant);
        List<Table<?>> from = new ArrayList<>();
        for (Table<?> table : u.$from()) {
            from.add(scope(table, where, tenant));
        }
        u.$set().forEach((k, v) -> {
            if (k instanceof Field<?> f && isTenantColumn(f)) {
                requireTenant(v, tenant, "An UPDATE in a tenant-scoped transaction");
            }
        });
        if (where.isEmpty()) {
            return u;
        }
        return u.$table(target).$from(from).$where(and(u.$where(), where));
    }

    private QueryPart delete(QOM.Delete<?> d, UUID tenant) {
        List<Condition> where = new ArrayList<>();
        Table<?> target = scope(d.$from(), where, tenant);
        List<Table<?>> using = new ArrayList<>();
        for (Table<?> table : d.$using()) {
            using.add(scope(table, where, tenant));
        }
        return where.isEmpty() ? d : d.$from(target).$using(using).$where(and(d.$where(), where));
    }

    private QueryPart insert(QOM.Insert<?> i, UUID tenant) {
        Table<?> into = i.$into();
        if (into == null || !tables.isTenantTable(base(into))) {
            return i;
        }
        List<? extends Field<?>> columns = i.$columns();
        int at = -1;
        for (int c = 0; c < columns.size(); c++) {
            if (isTenantColumn(columns.get(c))) {
                at = c;
            }
        }
        if (i.$select() != null || i.$defaultValues()) {
            throw new TenantViolationException("INSERT ... SELECT and INSERT ... DEFAULT VALUES into tenant table " + into.getName()
                    + " are not allowed in a tenant-scoped transaction: give the rows as values, with or without "
                    + tables.column());
        }
        i.$updateSet().forEach((k, v) -> {
            if (k instanceof Field<?> f && isTenantColumn(f)) {
                requireTenant(v, tenant, "An upsert in a tenant-scoped transaction");
            }
        });
        if (at >= 0) {
            for (Row row : i.$values()) {
                requireTenant(row.field(at), tenant, "An INSERT into " + into.getName() + " in a tenant-scoped transaction");
            }
            return i;
        }
        List<Field<?>> withTenant = new ArrayList<>(columns);
        Field<Object> column = tables.column(base(into), DSL.name(tables.column()));
        withTenant.add(column);
        List<Row> rows = new ArrayList<>();
        for (Row row : i.$values()) {
            List<Field<?>> values = new ArrayList<>(List.of(row.fields()));
            values.add(DSL.val(tenant, column));
            rows.add(DSL.row(values));
        }
        return i.$columns(withTenant).$values(rows);
    }

    /**
     * Adds the tenant condition of each tenant table in {@code table} to {@code where}, or to the ON clause of the
     * outer join that may produce its rows as NULLs; returns the table, rebuilt when a join's ON clause changed.
     */
    private Table<?> scope(Table<?> table, List<Condition> where, UUID tenant) {
        return switch (table) {
            case QOM.LeftJoin<?> j -> outer(j, j.$table1(), j.$table2(), true, where, tenant);
            case QOM.LeftSemiJoin<?> j -> outer(j, j.$table1(), j.$table2(), true, where, tenant);
            case QOM.LeftAntiJoin<?> j -> outer(j, j.$table1(), j.$table2(), true, where, tenant);
            case QOM.RightJoin<?> j -> outer(j, j.$table1(), j.$table2(), false, where, tenant);
            case QOM.Join<?> j -> sides(j, scope(j.$table1(), where, tenant), scope(j.$table2(), where, tenant));
            case QOM.CrossJoin<?> j -> sides(j, scope(j.$table1(), where, tenant), scope(j.$table2(), where, tenant));
            case QOM.StraightJoin<?> j -> sides(j, scope(j.$table1(), where, tenant), scope(j.$table2(), where, tenant));
            case QOM.JoinTable<?, ?> j -> {
                if (touchesTenantTable(j)) {
                    throw new TenantViolationException("A " + j.getClass().getSimpleName() + " of tenant tables cannot be scoped "
                            + "to a tenant; use an inner, left or right join with an ON clause");
                }
                yield j;
            }
            case QOM.TableAlias<?> a -> {
                if (holdsTenantRows(base(a))) {
                    where.add(tables.belongsTo(base(a), a.$alias(), tenant));
                }
                yield a;
            }
            default -> {
                if (holdsTenantRows(table)) {
                    where.add(tables.belongsTo(table, table.getQualifiedName(), tenant));
                }
                yield table;
            }
        };
    }

    /** A join whose {@code inner} side ({@code table2} for left joins) may come out as NULLs: its condition goes in ON. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Table<?> outer(QOM.QualifiedJoin j, Table<?> table1, Table<?> table2, boolean left, List<Condition> where, UUID tenant) {
        List<Condition> on = new ArrayList<>();
        Table<?> t1 = scope(table1, left ? where : on, tenant);
        Table<?> t2 = scope(table2, left ? on : where, tenant);
        if (on.isEmpty()) {
            return sides(j, t1, t2);
        }
        QOM.QualifiedJoin out = (QOM.QualifiedJoin) j.$table1(t1).$table2(t2);
        return (Table<?>) out.$on(and(j.$on(), on));
    }

    /**
     * The join with its sides replaced, or the join itself when neither changed: jOOQ's {@code $table1}/{@code $table2}
     * always build a new join, and a new FROM clause makes the select a copy instead of a widened WHERE.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Table<?> sides(QOM.JoinTable j, Table<?> t1, Table<?> t2) {
        return t1 == j.$table1() && t2 == j.$table2() ? (Table<?>) j : (Table<?>) ((QOM.JoinTable) j.$table1(t1)).$table2(t2);
    }

    private boolean touchesTenantTable(Table<?> table) {
        return switch (table) {
            case QOM.JoinTable<?, ?> j -> touchesTenantTable(j.$table1()) || touchesTenantTable(j.$table2());
            case QOM.TableAlias<?> a -> holdsTenantRows(base(a));
            default -> holdsTenantRows(table);
        };
    }

    /**
     * Whether {@code table} is a tenant table itself. A derived table (a subquery in FROM, jOOQ's {@code fetchCount}
     * of a query) is not: its query is scoped where it is rendered, and it may select the tenant column under another
     * name, so a condition on its alias would name a column that is not there.
     */
    private boolean holdsTenantRows(Table<?> table) {
        return !(table instanceof QOM.DerivedTable) && tables.isTenantTable(table);
    }

    private static Table<?> base(Table<?> table) {
        return table instanceof QOM.TableAlias<?> a ? a.$table() : table;
    }

    private boolean isTenantColumn(Field<?> f) {
        return f.getName().equalsIgnoreCase(tables.column());
    }

    private void requireTenant(Object value, UUID tenant, String what) {
        if (value instanceof Param<?> p && p.getValue() != null && p.getValue().toString().equalsIgnoreCase(tenant.toString())) {
            return;
        }
        String shown = value instanceof Param<?> p ? String.valueOf(p.getValue()) : "an expression";
        throw new TenantViolationException(what + " sets " + tables.column() + " to " + shown + ", not to the transaction's tenant "
                + tenant + "; rows cannot be written for another tenant");
    }

    private static Condition and(Condition existing, List<Condition> added) {
        Condition all = added.size() == 1 ? added.get(0) : DSL.and(added);
        // identity, not equals(): jOOQ compares query parts by rendering both to SQL, which cost about 7% of a scoped
        // SQLite transaction's CPU here; noCondition() is a singleton
        return existing == null || existing == DSL.noCondition() ? all : existing.and(all);
    }

    private static String abbreviate(QueryPart part) {
        String sql = part.toString().replaceAll("\\s+", " ");
        return sql.length() > 80 ? sql.substring(0, 77) + "..." : sql;
    }
}
