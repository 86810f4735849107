package dev.sluice.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schema.db.Tables;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Index;
import org.jooq.JSON;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.junit.jupiter.api.Test;

/** Checks the migration scripts and the generated classes without a database; the servers are tested elsewhere. */
class SchemaLayoutTest {
    static final List<String> VENDORS = List.of("postgresql", "mysql", "sqlite");

    @Test
    void everyVendorHasTheSameVersionsAndADownScriptBesideEachUpScript() throws Exception {
        Set<String> postgres = scripts("postgresql");
        assertThat(postgres).contains("V1__create_tables.sql", "U1__create_tables.sql");
        for (String vendor : VENDORS) {
            Set<String> names = scripts(vendor);
            assertThat(names).as(vendor).isEqualTo(postgres);
            for (String name : names) {
                String twin = (name.startsWith("V") ? "U" : "V") + name.substring(1);
                assertThat(names).as(vendor + ": the twin of " + name).contains(twin);
            }
        }
    }

    @Test
    void postgresqlOnlyBlocksAreHiddenFromTheJooqParser() throws Exception {
        for (String name : scripts("postgresql")) {
            String sql = Files.readString(location("postgresql").resolve(name));
            assertThat(count(sql, "-- [jooq ignore start]")).as(name + ": start and stop markers")
                    .isEqualTo(count(sql, "-- [jooq ignore stop]"));
            String visible = sql.replaceAll("(?s)-- \\[jooq ignore start].*?-- \\[jooq ignore stop]", "")
                    .replaceAll("(?m)--.*$", "");
            assertThat(visible).as(name).doesNotContain("$$").doesNotContainIgnoringCase("POLICY")
                    .doesNotContainIgnoringCase("GRANT").doesNotContainIgnoringCase("ROW LEVEL SECURITY");
        }
    }

    @Test
    void generatedClassesHaveTheExpectedTypes() {
        assertThat(Tables.ORGANIZATIONS.ID.getType()).isEqualTo(UUID.class);
        assertThat(Tables.ORGANIZATIONS.SETTINGS.getType()).isEqualTo(JSON.class);
        assertThat(Tables.ORGANIZATIONS.CREATED_AT.getType()).isEqualTo(OffsetDateTime.class);
        assertThat(Tables.WORKFLOWS.ENABLED.getType()).isEqualTo(Boolean.class);
        assertThat(Tables.EVENTS.ID.getType()).isEqualTo(Long.class);
        assertThat(Tables.EVENTS.getIdentity()).isNotNull();
        assertThat(Tables.FORMS.DESCRIPTION.getDataType().nullable()).isTrue();
    }

    @Test
    void everyTenantTableHasAnIndexThatStartsWithOrganizationId() {
        for (Table<?> table : List.<Table<?>>of(Tables.USERS, Tables.FORMS, Tables.SUBMISSIONS, Tables.WORKFLOWS, Tables.EVENTS)) {
            Stream<String> firstColumns = Stream.concat(
                    table.getIndexes().stream().map(Index::getFields).map(f -> f.get(0).getName()),
                    table.getUniqueKeys().stream().map(UniqueKey::getFields).map(f -> f.get(0).getName()));
            assertThat(firstColumns).as(table.getName()).contains("organization_id");
        }
    }

    private static int count(String text, String marker) {
        return text.split(java.util.regex.Pattern.quote(marker), -1).length - 1;
    }

    private static Set<String> scripts(String vendor) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(location(vendor))) {
            return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static Path location(String vendor) throws URISyntaxException {
        var url = SchemaLayoutTest.class.getClassLoader().getResource("dev/sluice/schema/migrations/" + vendor);
        assertThat(url).as("classpath location dev/sluice/schema/migrations/" + vendor).isNotNull();
        return Path.of(url.toURI());
    }
}
