package dev.sluice.studio.internal;

import dev.sluice.connection.Redaction;
import dev.sluice.query.Database;
import dev.sluice.query.SqlStatement;
import dev.sluice.query.StatementResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.ParserException;

/**
 * The SQL box: one statement, read-only unless the studio was started to write. Without a tenant it is
 * {@link SqlStatement}, as {@code sluice query} runs it. With a tenant the text is parsed by jOOQ and run in the
 * tenant's transaction, so the query layer's tenant filter scopes it like any statement built with jOOQ (on PostgreSQL
 * row-level security as well); text jOOQ cannot parse is refused in a tenant scope rather than run unscoped.
 */
final class QueryBox {
    private final Database db;
    private final boolean write;
    private final int maxRows;

    QueryBox(Database db, boolean write, int maxRows) {
        this.db = db;
        this.write = write;
        this.maxRows = maxRows;
    }

    Map<String, Object> run(Scope scope, String sql) {
        if (sql == null || sql.isBlank()) {
            throw new StudioException(400, "Type one SQL statement, e.g. SELECT * FROM users");
        }
        return scope.tenant() == null ? plain(sql) : scoped(scope, sql);
    }

    private Map<String, Object> plain(String sql) {
        StatementResult r = SqlStatement.of(sql).allowWrites(write).maxRows(maxRows).run(db);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            List<Object> out = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                out.add(Redaction.isSecretName(r.columns().get(i)) ? Values.MASK : row.get(i));
            }
            rows.add(out);
        }
        return result(r.columns(), rows, r.updateCount(), r.truncated(), r.elapsed().toNanos());
    }

    private Map<String, Object> scoped(Scope scope, String sql) {
        Query query;
        try {
            query = db.dsl().parser().parseQuery(sql);
        } catch (ParserException e) {
            throw new StudioException(400, "In a tenant scope the SQL box runs only SQL that jOOQ can parse, so that the tenant "
                    + "filter can be added: " + Redaction.redact(e.getMessage().replace('\n', ' ')));
        }
        if (query == null) {
            throw new StudioException(400, "Type one SQL statement, e.g. SELECT * FROM users");
        }
        long start = System.nanoTime();
        return scope.run(write ? dev.sluice.query.TransactionOptions.defaults() : dev.sluice.query.TransactionOptions.readOnlyDefaults(), tx -> {
            if (query instanceof ResultQuery<?> rq) {
                List<String> columns = new ArrayList<>();
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                try (Cursor<? extends Record> cursor = tx.fetchLazy(rq)) {
                    for (Field<?> f : cursor.fields()) {
                        columns.add(f.getName());
                    }
                    while (cursor.hasNext()) {
                        if (rows.size() == maxRows) {
                            truncated = true;
                            break;
                        }
                        Record rec = cursor.fetchNext();
                        List<Object> row = new ArrayList<>(columns.size());
                        for (int i = 0; i < columns.size(); i++) {
                            row.add(Redaction.isSecretName(columns.get(i)) ? Values.MASK : Values.toJson(rec.get(i)));
                        }
                        rows.add(row);
                    }
                }
                return result(columns, rows, -1, truncated, System.nanoTime() - start);
            }
            int n = tx.execute(query);
            return result(List.of(), List.of(), n, false, System.nanoTime() - start);
        });
    }

    private static Map<String, Object> result(List<String> columns, List<List<Object>> rows, long updateCount, boolean truncated,
            long nanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("rows", rows);
        out.put("updateCount", updateCount);
        out.put("truncated", truncated);
        out.put("elapsedMs", nanos / 1e6);
        return out;
    }
}
