package dev.sluice.schema.types;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
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
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultBinding;
import org.jooq.impl.SQLDataType;

/**
 * Binds {@link OffsetDateTime} columns the same way on every vendor: always as a UTC instant, with microseconds.
 *
 * <ul>
 *   <li>PostgreSQL has {@code timestamptz}: jOOQ's own binding is used; values read back are normalised to UTC.
 *   <li>MySQL and MariaDB store {@code DATETIME(6)} holding UTC. jOOQ's own binding sends the offset
 *       ({@code '...+02:00'}), which MariaDB rejects, and Connector/J drops the fraction of a {@code Timestamp} for
 *       MariaDB (it sees MariaDB's {@code 5.5.5-} version prefix and assumes no fractional seconds). So the value is
 *       sent and read as the text {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in UTC.
 *   <li>SQLite has no timestamp type: the same UTC text, which also sorts in time order.
 * </ul>
 *
 * The jOOQ code generator attaches it to every {@code timestamptz} column (see the schema module's pom); use it the
 * same way for your own schemas.
 */
public final class UtcTimestampBinding implements Binding<OffsetDateTime, OffsetDateTime> {
    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .toFormatter();
    private static final DateTimeFormatter PARSE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private static final Binding<OffsetDateTime, OffsetDateTime> NATIVE = DefaultBinding.binding(SQLDataType.TIMESTAMPWITHTIMEZONE);

    private static final Converter<OffsetDateTime, OffsetDateTime> IDENTITY =
            Converter.ofNullable(OffsetDateTime.class, OffsetDateTime.class, UtcTimestampBinding::utc, UtcTimestampBinding::utc);

    @Override
    public Converter<OffsetDateTime, OffsetDateTime> converter() {
        return IDENTITY;
    }

    /**
     * Whether values travel as UTC text. This is the one place outside the vendor descriptors that decides by vendor
     * (listed in the architecture test's allow-list): a binding is handed only jOOQ's context, and generated classes
     * use it wherever jOOQ runs, also without Sluice's connection module, which the schema module does not depend on.
     * So the decision is made on jOOQ's dialect, not on a descriptor.
     */
    private static boolean asText(SQLDialect dialect) {
        SQLDialect family = dialect.family();
        return family == SQLDialect.MYSQL || family == SQLDialect.MARIADB || family == SQLDialect.SQLITE;
    }

    static OffsetDateTime utc(OffsetDateTime v) {
        return v == null ? null : v.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The UTC text form stored on MySQL-family servers and SQLite. */
    public static String format(OffsetDateTime v) {
        return TEXT.format(v.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** Parses the stored text form (with or without fraction, with or without offset; no offset means UTC). */
    public static OffsetDateTime parse(String s) {
        var parsed = PARSE.parseBest(s.trim(), OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime o ? utc(o) : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
    }

    @Override
    public void sql(BindingSQLContext<OffsetDateTime> ctx) throws SQLException {
        if (asText(ctx.dialect())) {
            if (ctx.render().paramType() == org.jooq.conf.ParamType.INLINED) {
                ctx.render().sql(ctx.value() == null ? "null" : "'" + format(ctx.value()) + "'");
            } else {
                ctx.render().sql(ctx.variable());
            }
        } else {
            NATIVE.sql(ctx);
        }
    }

    @Override
    public void register(BindingRegisterContext<OffsetDateTime> ctx) throws SQLException {
        if (asText(ctx.dialect())) {
            ctx.statement().registerOutParameter(ctx.index(), Types.VARCHAR);
        } else {
            NATIVE.register(ctx);
        }
    }

    @Override
    public void set(BindingSetStatementContext<OffsetDateTime> ctx) throws SQLException {
        if (!asText(ctx.dialect())) {
            NATIVE.set(ctx);
        } else if (ctx.value() == null) {
            ctx.statement().setNull(ctx.index(), Types.VARCHAR);
        } else {
            ctx.statement().setString(ctx.index(), format(ctx.value()));
        }
    }

    @Override
    public void get(BindingGetResultSetContext<OffsetDateTime> ctx) throws SQLException {
        if (asText(ctx.dialect())) {
            String s = ctx.resultSet().getString(ctx.index());
            ctx.value(s == null ? null : parse(s));
        } else {
            // pgjdbc reads timestamptz as OffsetDateTime natively
            ctx.value(utc(ctx.resultSet().getObject(ctx.index(), OffsetDateTime.class)));
        }
    }

    @Override
    public void get(BindingGetStatementContext<OffsetDateTime> ctx) throws SQLException {
        if (asText(ctx.dialect())) {
            String s = ctx.statement().getString(ctx.index());
            ctx.value(s == null ? null : parse(s));
        } else {
            ctx.value(utc(ctx.statement().getObject(ctx.index(), OffsetDateTime.class)));
        }
    }

    @Override
    public void set(BindingSetSQLOutputContext<OffsetDateTime> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("UtcTimestampBinding does not bind to SQLOutput");
    }

    @Override
    public void get(BindingGetSQLInputContext<OffsetDateTime> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("UtcTimestampBinding does not read from SQLInput");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UtcTimestampBinding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(UtcTimestampBinding.class);
    }
}
