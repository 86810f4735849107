package dev.sluice.query.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.Locale;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Lets jOOQ's {@code INSERT ... RETURNING} (MariaDB 10.5+) run through MySQL Connector/J. jOOQ sends it with
 * {@code executeQuery()}, which Connector/J refuses for any statement that starts with INSERT ("cannot issue statements
 * that do not produce result sets"), although MariaDB answers it with a result set. For those statements only, this
 * listener routes {@code executeQuery()} to {@code execute()} and {@code getResultSet()}.
 */
public final class MariaDbReturning implements ExecuteListener {
    private static final long serialVersionUID = 1L;

    @Override
    public void prepareEnd(ExecuteContext ctx) {
        String sql = ctx.sql();
        PreparedStatement ps = ctx.statement();
        if (ps == null || sql == null || !isDmlReturning(sql)) {
            return;
        }
        ctx.statement((PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("executeQuery") && (args == null || args.length == 0)) {
                        ps.execute();
                        return ps.getResultSet();
                    }
                    try {
                        return method.invoke(ps, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    static boolean isDmlReturning(String sql) {
        String s = sql.stripLeading().toLowerCase(Locale.ROOT);
        return (s.startsWith("insert") || s.startsWith("delete") || s.startsWith("replace")) && s.contains(" returning ");
    }
}
