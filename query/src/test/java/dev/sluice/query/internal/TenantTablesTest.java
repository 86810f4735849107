package dev.sluice.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The tenant conditions {@link TenantTables#belongsTo} keeps per qualifier: never another tenant's, never another name's. */
class TenantTablesTest {
    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final DSLContext PG = DSL.using(SQLDialect.POSTGRES, QueryDialect.settings());

    private final TenantTables tables = new TenantTables("organization_id");

    private static String sql(Condition c) {
        return PG.renderInlined(c);
    }

    @Test
    void theConditionOfEachCallNamesItsOwnTenantWhenTenantsAlternate() {
        Table<?> notes = DSL.table(DSL.name("notes"));
        for (int i = 0; i < 3; i++) {
            assertThat(sql(tables.belongsTo(notes, notes.getQualifiedName(), A))).isEqualTo(
                    "notes.organization_id = cast('00000000-0000-0000-0000-00000000000a' as uuid)");
            assertThat(sql(tables.belongsTo(notes, notes.getQualifiedName(), B))).isEqualTo(
                    "notes.organization_id = cast('00000000-0000-0000-0000-00000000000b' as uuid)");
        }
    }

    @Test
    void theSameTenantAndNameGetTheKeptCondition() {
        Table<?> notes = DSL.table(DSL.name("notes"));
        Condition first = tables.belongsTo(notes, notes.getQualifiedName(), A);
        assertThat(tables.belongsTo(DSL.table(DSL.name("notes")), DSL.name("notes"), A)).isSameAs(first);
    }

    @Test
    void namesThatJooqCallsEqualButQuotesDifferentlyGetTheirOwnCondition() {
        // jOOQ's Name.equals ignores quoting, but on PostgreSQL "Notes" and Notes (= notes) are two tables
        Table<?> quoted = DSL.table(DSL.quotedName("Notes"));
        Table<?> unquoted = DSL.table(DSL.unquotedName("Notes"));
        assertThat(DSL.quotedName("Notes")).isEqualTo(DSL.unquotedName("Notes"));
        assertThat(sql(tables.belongsTo(quoted, quoted.getQualifiedName(), A))).startsWith("\"Notes\".organization_id = ");
        assertThat(sql(tables.belongsTo(unquoted, unquoted.getQualifiedName(), A))).startsWith("Notes.organization_id = ");
        assertThat(sql(tables.belongsTo(quoted, DSL.quotedName("Notes"), A))).startsWith("\"Notes\".organization_id = ");
    }

    @Test
    void anAliasGetsItsOwnQualifier() {
        Table<?> notes = DSL.table(DSL.name("notes"));
        tables.belongsTo(notes, notes.getQualifiedName(), A);
        assertThat(sql(tables.belongsTo(notes, DSL.name("n"), A))).isEqualTo("n.organization_id = cast('00000000-0000-0000-0000-00000000000a' as uuid)");
    }
}
