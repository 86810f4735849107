package dev.sluice.migrations;

import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.SUBMISSIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.query.BulkOptions;
import dev.sluice.query.ConflictPolicy;
import dev.sluice.query.Database;
import dev.sluice.schema.db.tables.records.FormsRecord;
import dev.sluice.schema.db.tables.records.OrganizationsRecord;
import dev.sluice.schema.db.tables.records.SubmissionsRecord;
import dev.sluice.schema.db.tables.records.UsersRecord;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.JSON;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** 100,000 submissions with awkward text, bulk loaded on each vendor: the table's checksum equals the input's. */
class SubmissionsBulkLoadTest {
    static final int ROWS = 100_000;
    static final String[] AWKWARD = {"tab\there", "new\nline", "cr\r\nlf", "back\\slash \\N", "\"double\" 'single'", "a, b; c",
        "emoji 😀🚀 中文 ñ", "", "NULL", "\\", "{\"not\": \"json\"}"};
    static final UUID ORG = new UUID(1, 1);
    static final UUID USER = new UUID(2, 2);
    static final String[] STATUSES = {"received", "processing", "completed", "rejected"};

    /** The JSON the way PostgreSQL's jsonb prints it, so the text read back is the same on every vendor. */
    static String json(String text) {
        StringBuilder sb = new StringBuilder("{\"text\": \"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append("\"}").toString();
    }

    static UUID form(int i) {
        return new UUID(3, i % 4);
    }

    static SubmissionsRecord submission(int i) {
        SubmissionsRecord r = new SubmissionsRecord();
        r.setId(new UUID(4, i));
        r.setOrganizationId(ORG);
        r.setFormId(form(i));
        r.setSubmittedBy(i % 3 == 0 ? null : USER);
        r.setData(JSON.valueOf(json(AWKWARD[i % AWKWARD.length] + " #" + i)));
        r.setStatus(STATUSES[i % STATUSES.length]);
        r.setCreatedAt(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(i).plusNanos((i % 999_999) * 1000L));
        return r;
    }

    /** One row as text; the JSON without its key, as SQLite stores JSON minified ({@code {"text":"..."}}). */
    static String line(SubmissionsRecord r) {
        return r.getId() + "|" + r.getOrganizationId() + "|" + r.getFormId() + "|" + r.getSubmittedBy() + "|" + r.getData().data().replaceFirst("^\\{\"text\": ?", "")
                + "|" + r.getStatus() + "|" + r.getCreatedAt().toInstant();
    }

    static String checksum(Iterable<SubmissionsRecord> rows) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (SubmissionsRecord r : rows) {
            sha.update((line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void hundredThousandAwkwardSubmissionsLoadExactly(Vendor vendor) throws Exception {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations.builder(db).build().migrate();
            OffsetDateTime t = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            db.bulkInsert(ORGANIZATIONS, List.of(new OrganizationsRecord(ORG, "bulk", "Bulk Ltd", JSON.valueOf("{}"), t)));
            UsersRecord user = new UsersRecord();
            user.setId(USER);
            user.setOrganizationId(ORG);
            user.setEmail("bulk@example.test");
            user.setDisplayName("Bulk");
            user.setRole("owner");
            user.setCreatedAt(t);
            db.bulkInsert(USERS, List.of(user));
            db.bulkInsert(FORMS, IntStream.range(0, 4).mapToObj(i -> {
                FormsRecord f = new FormsRecord();
                f.setId(form(i));
                f.setOrganizationId(ORG);
                f.setTitle("Form " + i);
                f.setDefinition(JSON.valueOf("{}"));
                f.setStatus("published");
                f.setVersion(1);
                f.setCreatedBy(USER);
                f.setCreatedAt(t);
                f.setUpdatedAt(t);
                return f;
            }).toList());

            List<SubmissionsRecord> input = IntStream.range(0, ROWS).mapToObj(SubmissionsBulkLoadTest::submission).toList();
            long[] lastProgress = {0};
            long inserted = db.bulkInsert(SUBMISSIONS, input.stream(), BulkOptions.builder().batchSize(10_000)
                    .progress((table, done, total) -> lastProgress[0] = done).build());

            assertThat(inserted).isEqualTo(ROWS);
            assertThat(lastProgress[0]).isEqualTo(ROWS);
            List<SubmissionsRecord> sorted = input.stream().sorted(java.util.Comparator.comparing(SubmissionsRecord::getId)).toList();
            assertThat(checksum(db.dsl().selectFrom(SUBMISSIONS).orderBy(SUBMISSIONS.ID).fetch())).isEqualTo(checksum(sorted));

            // loading the same rows again skips them all
            assertThat(db.bulkInsert(SUBMISSIONS, input.subList(0, 1_000), BulkOptions.builder().conflict(ConflictPolicy.SKIP_EXISTING)
                    .build())).isZero();
            assertThat(db.dsl().fetchCount(SUBMISSIONS)).isEqualTo(ROWS);
        }
    }
}
