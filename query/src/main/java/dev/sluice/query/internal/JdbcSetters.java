package dev.sluice.query.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jooq.Field;

/**
 * Direct JDBC setters for the columns of a bulk load when every column is a plain type bound the way jOOQ binds it by
 * default (text, whole numbers, doubles, booleans, without a converter or a binding of the user's): jOOQ's batch binds
 * each value through its binding machinery, several times slower than {@code setString}/{@code setLong} for the same
 * effect (see the benchmarks module's {@code BulkInsertBenchmark}). Any other column keeps the whole load on jOOQ's
 * bindings.
 */
final class JdbcSetters {
    /** Sets one parameter. */
    @FunctionalInterface
    interface Setter {
        void set(PreparedStatement ps, int index, Object value) throws SQLException;
    }

    private JdbcSetters() {}

    /** One setter per column, or {@code null} when a column needs jOOQ's binding. */
    static Setter[] of(Field<?>[] columns) {
        Setter[] out = new Setter[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Field<?> f = columns[i];
            boolean plain = f.getConverter().fromType() == f.getConverter().toType()
                    && f.getBinding().getClass().getName().startsWith("org.jooq.impl.");
            out[i] = plain ? setter(f.getType()) : null;
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    private static Setter setter(Class<?> type) {
        if (type == String.class) {
            return nullOr(Types.VARCHAR, (ps, i, v) -> ps.setString(i, (String) v));
        }
        if (type == Long.class) {
            return nullOr(Types.BIGINT, (ps, i, v) -> ps.setLong(i, (Long) v));
        }
        if (type == Integer.class) {
            return nullOr(Types.INTEGER, (ps, i, v) -> ps.setInt(i, (Integer) v));
        }
        if (type == Double.class) {
            return nullOr(Types.DOUBLE, (ps, i, v) -> ps.setDouble(i, (Double) v));
        }
        if (type == Boolean.class) {
            return nullOr(Types.BOOLEAN, (ps, i, v) -> ps.setBoolean(i, (Boolean) v));
        }
        return null;
    }

    /** {@code setNull} with the column's SQL type for NULL, else {@code set}. */
    private static Setter nullOr(int sqlType, Setter set) {
        return (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, sqlType);
            } else {
                set.set(ps, i, v);
            }
        };
    }
}
