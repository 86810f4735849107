package dev.sluice.migrations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqliteSyntaxTest {
    @Test
    void backticksBecomeDoubleQuotesAndIntBecomesIntegerOutsideStrings() {
        assertThat(SqliteSyntax.fromJooq("create table `a` (`id` int not null, `b` int default ('x `int` it''s'))"))
                .isEqualTo("create table \"a\" (\"id\" integer not null, \"b\" integer default ('x `int` it''s'))");
    }

    @Test
    void namesKeepTheirTextAndEscapeDoubleQuotes() {
        assertThat(SqliteSyntax.fromJooq("alter table `we``ird \"n\"` add `int` int8")).isEqualTo("alter table \"we`ird \"\"n\"\"\" add \"int\" int8");
    }
}
