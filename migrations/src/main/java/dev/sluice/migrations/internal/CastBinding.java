package dev.sluice.migrations.internal;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.Objects;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.impl.DSL;

/** Binds a string with a cast to a PostgreSQL type that takes no plain string, such as an enum type: {@code ?::order_status}. */
final class CastBinding implements Binding<String, String> {
    private static final long serialVersionUID = 1L;
    private final String type;

    /** @param type the type as the catalog names it (already quoted where it needs to be) */
    CastBinding(String type) {
        this.type = type;
    }

    @Override
    public Converter<String, String> converter() {
        return Converter.ofNullable(String.class, String.class, v -> v, v -> v);
    }

    @Override
    public void sql(BindingSQLContext<String> ctx) {
        ctx.render().visit(DSL.val(Objects.toString(ctx.convert(converter()).value(), null))).sql("::" + type);
    }

    @Override
    public void register(BindingRegisterContext<String> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(), Types.VARCHAR);
    }

    @Override
    public void set(BindingSetStatementContext<String> ctx) throws SQLException {
        ctx.statement().setString(ctx.index(), Objects.toString(ctx.convert(converter()).value(), null));
    }

    @Override
    public void set(BindingSetSQLOutputContext<String> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public void get(BindingGetResultSetContext<String> ctx) throws SQLException {
        ctx.convert(converter()).value(ctx.resultSet().getString(ctx.index()));
    }

    @Override
    public void get(BindingGetStatementContext<String> ctx) throws SQLException {
        ctx.convert(converter()).value(ctx.statement().getString(ctx.index()));
    }

    @Override
    public void get(BindingGetSQLInputContext<String> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }
}
