package dev.sluice.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio as a user drives it, in headless Chromium, against PostgreSQL, MariaDB and SQLite with the built-in schema
 * and the demo seed: the token, browsing submissions page 2 by date, following form_id to the form and back, a tenant
 * scope, a write refused while read-only, an edit with --write, a failed migration on the timeline. One browser for the
 * class; one seeded database and studio per vendor.
 */
class StudioBrowserTest {
    static ChromeDriver browser;
    static final Map<Vendor, Fixture> FIXTURES = new EnumMap<>(Vendor.class);

    record Fixture(TestDatabase test, Database db, Studio readOnly, Studio writable) implements AutoCloseable {
        @Override
        public void close() {
            readOnly.close();
            writable.close();
            db.close();
            test.close();
        }
    }

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopAll() {
        if (browser != null) {
            browser.quit();
        }
        FIXTURES.values().forEach(Fixture::close);
    }

    static synchronized Fixture fixture(Vendor vendor) {
        return FIXTURES.computeIfAbsent(vendor, v -> {
            TestDatabase test = TestDatabases.create(v);
            Database db = Database.connect(test.configBuilder().name("studio-" + v.id()).build());
            Migrations.builder(db).build().migrate();
            Seeds.load(db, new DemoSeed(), (t, d, n) -> { });
            return new Fixture(test, db, Studio.start(db, StudioOptions.builder().port(0).build()),
                    Studio.start(db, StudioOptions.builder().port(0).write(true).build()));
        });
    }

    static HttpURLConnection request(Studio studio, String path, Map<String, String> headers, String body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(studio.baseUrl() + path).toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        headers.forEach(c::setRequestProperty);
        if (body != null) {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
        return c;
    }

    /** The docs' screenshots come from one vendor each (the migration timeline from MariaDB, where failures stay). */
    static void screenshot(Vendor vendor, Vendor from, String name) throws Exception {
        if (vendor == from) {
            Chromium.screenshot(browser, name);
        }
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    static void open(Studio studio) {
        browser.get(studio.url());
        try {
            waiting().until(d -> !d.findElements(By.cssSelector("#table-list a.table-link")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the studio's table list did not load; the page says: " + browser.findElement(By.tagName("body")).getText()
                    + "\nconsole: " + browser.manage().logs().get("browser").getAll(), e);
        }
    }

    static void openTable(String table) {
        waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#table-list a[data-table='" + table + "']")).click(); // the list may be redrawn meanwhile
            return true;
        });
        waiting().until(ExpectedConditions.textToBe(By.id("grid-title"), table));
    }

    static List<String> column(String name) {
        // read in one script: the grid may be redrawn between reading its cells one by one
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.executeScript("return Array.from(document.querySelectorAll("
                + "\"#grid tbody td[data-col='\" + arguments[0] + \"']\")).map(e => e.textContent)", name);
        return texts;
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRESQL", "MYSQL", "SQLITE"})
    void withoutTheTokenNothingIsServedAndWithItThePageOpens(Vendor vendor) throws Exception {
        Studio studio = fixture(vendor).readOnly();
        for (String path : List.of("/", "/api/tables", "/studio.js", "/?token=wrong-token-0000000")) {
            HttpURLConnection c = request(studio, path, Map.of(), null);
            assertThat(c.getResponseCode()).as(path).isEqualTo(403);
            assertThat(new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("submissions");
        }
        // with the token's cookie but no CSRF token, a state-changing request is refused
        HttpURLConnection post = request(studio, "/api/query", Map.of("Cookie", "sluice_studio_" + studio.port() + "=" + studio.token(),
                "Content-Type", "application/json"), "{\"sql\":\"SELECT 1\"}");
        assertThat(post.getResponseCode()).isEqualTo(403);
        assertThat(new String(post.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("CSRF");

        browser.get(studio.baseUrl() + "/");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Forbidden");
        open(studio);
        assertThat(browser.getCurrentUrl()).doesNotContain("token="); // moved into an HttpOnly cookie
        assertThat((String) browser.executeScript("return document.cookie")).doesNotContain(studio.token());
        assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("read-only");
        assertThat(browser.findElement(By.id("db-info")).getText()).doesNotContain(fixture(vendor).test().password() == null
                ? "\u0000" : fixture(vendor).test().password().isEmpty() ? "\u0000" : fixture(vendor).test().password());
        int submissions = fixture(vendor).db().dsl().fetchCount(DSL.table(DSL.name("submissions")));
        assertThat(browser.findElement(By.cssSelector("#table-list a[data-table='submissions'] .count")).getText())
                .isEqualTo(String.valueOf(submissions));
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRESQL", "MYSQL", "SQLITE"})
    void browsesSubmissionsPageTwoSortedByDate(Vendor vendor) throws Exception {
        Fixture f = fixture(vendor);
        open(f.readOnly());
        openTable("submissions");
        new Select(browser.findElement(By.id("page-size"))).selectByVisibleText("5");
        waiting().until(d -> column("id").size() == 5);
        browser.findElement(By.cssSelector("#grid th[data-col='created_at']")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#grid th[data-col='created_at']"), "▲"));
        browser.findElement(By.id("next")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "Page 2 of"));
        List<String> expected = f.db().dsl().select(DSL.field(DSL.name("id"))).from(DSL.table(DSL.name("submissions")))
                .orderBy(DSL.field(DSL.name("created_at")), DSL.field(DSL.name("id"))).limit(5).offset(5)
                .fetch(r -> String.valueOf(r.get(0)));
        assertThat(column("id")).isEqualTo(expected);
        screenshot(vendor, Vendor.POSTGRESQL, "data");
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRESQL", "MYSQL", "SQLITE"})
    void followsFormIdToTheFormAndBack(Vendor vendor) throws Exception {
        Fixture f = fixture(vendor);
        open(f.readOnly());
        openTable("submissions");
        WebElement link = browser.findElement(By.cssSelector("#grid tbody a.fk[data-col='form_id']"));
        String formId = link.getText();
        link.click();
        waiting().until(ExpectedConditions.textToBe(By.id("grid-title"), "forms"));
        assertThat(column("id")).containsExactly(formId);
        browser.findElement(By.cssSelector("#grid tbody tr.row td[data-col='title']")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("row-detail")));
        // the form's JSON definition is shown formatted
        assertThat(browser.findElement(By.cssSelector("#row-fields td[data-col='definition'] pre.json")).getText()).contains("\n");
        screenshot(vendor, Vendor.POSTGRESQL, "row");
        browser.findElement(By.cssSelector("#row-links a.back[data-table='submissions'][data-col='form_id']")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("grid-title"), "submissions"));
        int count = f.db().dsl().fetchCount(DSL.table(DSL.name("submissions")),
                DSL.field(DSL.name("form_id")).cast(String.class).eq(formId));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), count + " rows"));
        assertThat(column("form_id")).isNotEmpty().allMatch(formId::equals);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRESQL", "MYSQL", "SQLITE"})
    void aTenantSeesOnlyItsRows(Vendor vendor) throws Exception {
        Fixture f = fixture(vendor);
        open(f.readOnly());
        UUID tenant = DemoSeed.tenants().get(1);
        new Select(browser.findElement(By.id("tenant"))).selectByValue(tenant.toString());
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("tenant-banner"), tenant.toString()));
        openTable("submissions");
        int mine = f.db().dsl().fetchCount(DSL.table(DSL.name("submissions")),
                DSL.field(DSL.name("organization_id")).cast(String.class).eq(tenant.toString()));
        int all = f.db().dsl().fetchCount(DSL.table(DSL.name("submissions")));
        assertThat(mine).isBetween(1, all - 1);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), " " + mine + " rows"));
        assertThat(column("organization_id")).isNotEmpty().allMatch(tenant.toString()::equals);
        // the SQL box is scoped too
        browser.findElement(By.id("tab-query")).click();
        browser.findElement(By.id("sql")).clear();
        browser.findElement(By.id("sql")).sendKeys("SELECT organization_id FROM submissions");
        browser.findElement(By.id("run-sql")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("query-info"), " in "));
        assertThat(browser.findElement(By.id("query-info")).getText()).startsWith(mine + " row(s)");
        new Select(browser.findElement(By.id("tenant"))).selectByValue("");
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRESQL", "MYSQL", "SQLITE"})
    void aWriteIsRefusedWhileReadOnly(Vendor vendor) throws Exception {
        Fixture f = fixture(vendor);
        open(f.readOnly());
        String before = f.db().dsl().select(DSL.field(DSL.name("title"))).from(DSL.table(DSL.name("forms"))).orderBy(DSL.field(DSL.name("id")))
                .limit(1).fetchOne(0, String.class);
        browser.findElement(By.id("tab-query")).click();
        browser.findElement(By.id("sql")).clear();
        browser.findElement(By.id("sql")).sendKeys("UPDATE forms SET title = 'changed'");
        browser.findElement(By.id("run-sql")).click();
        WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("query-error")));
        assertThat(error.getText().toLowerCase()).containsAnyOf("read-only", "read only", "readonly");
        screenshot(vendor, Vendor.POSTGRESQL, "query-refused");
        // editing a row in the grid is refused as well
        browser.findElement(By.id("tab-data")).click();
        openTable("forms");
        browser.findElement(By.cssSelector("#grid tbody tr.row td[data-col='title']")).click();
        browser.findElement(By.id("edit-row")).click();
        WebElement title = browser.findElement(By.cssSelector("#row-fields input[data-col='title']"));
        title.clear();
        title.sendKeys("changed");
        browser.findElement(By.id("save-row")).click();
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("row-error"))).getText()).contains("read-only");
        assertThat(f.db().dsl().select(DSL.field(DSL.name("title"))).from(DSL.table(DSL.name("forms"))).orderBy(DSL.field(DSL.name("id")))
                .limit(1).fetchOne(0, String.class)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRESQL", "MYSQL", "SQLITE"})
    void withWriteARowIsEditedOnTheServer(Vendor vendor) throws Exception {
        Fixture f = fixture(vendor);
        open(f.writable());
        assertThat(browser.findElement(By.id("mode")).getText()).contains("read-write");
        openTable("forms");
        browser.findElement(By.cssSelector("#grid tbody tr.row td[data-col='title']")).click();
        String id = browser.findElement(By.cssSelector("#row-fields td[data-col='id']")).getText();
        browser.findElement(By.id("edit-row")).click();
        WebElement title = browser.findElement(By.cssSelector("#row-fields input[data-col='title']"));
        title.clear();
        title.sendKeys("Edited in the studio");
        browser.findElement(By.id("save-row")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("row-status"), "Saved"));
        Record r = f.db().dsl().select(DSL.field(DSL.name("title"))).from(DSL.table(DSL.name("forms")))
                .where(DSL.field(DSL.name("id")).cast(String.class).eq(id)).fetchOne();
        assertThat(r).isNotNull();
        assertThat(r.get(0, String.class)).isEqualTo("Edited in the studio");
        // a value the database refuses shows its message
        browser.findElement(By.id("edit-row")).click();
        WebElement status = browser.findElement(By.cssSelector("#row-fields input[data-col='status']"));
        status.clear();
        status.sendKeys("no-such-status");
        browser.findElement(By.id("save-row")).click();
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("row-error"))).getText().toLowerCase())
                .contains("check");
    }

    /**
     * A failed migration stays in the history only where DDL is not transactional: MariaDB/MySQL. PostgreSQL and SQLite
     * roll a failed migration back as a whole (Flyway writes no history row), so their timeline shows it as pending.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MYSQL"})
    void aFailedMigrationShowsOnTheTimeline(Vendor vendor) throws Exception {
        Fixture f = fixture(vendor);
        Path dir = Files.createTempDirectory("studio-migrations");
        Files.writeString(dir.resolve("V1__notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(200));\n");
        Files.writeString(dir.resolve("U1__notes.sql"), "DROP TABLE notes;\n");
        Files.writeString(dir.resolve("V2__broken.sql"), "CREATE TABLE broken (id INTEGER PRIMARY KEY);\nCREATE TABLE broken_b (id no_such_type);\n");
        Files.writeString(dir.resolve("V3__later.sql"), "CREATE TABLE later (id INTEGER PRIMARY KEY);\n");
        String location = "filesystem:" + dir;
        try {
            Migrations.builder(f.db()).locations(location).build().migrate();
        } catch (RuntimeException expected) {
            // V2 fails; its failure stays in the history table
        }
        try (Studio studio = Studio.start(f.db(), StudioOptions.builder().port(0).migrationLocations(List.of(location)).build())) {
            open(studio);
            browser.findElement(By.id("tab-migrations")).click();
            WebElement failed = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#timeline li.failed")));
            assertThat(failed.getAttribute("data-version")).isEqualTo("2");
            assertThat(failed.getText()).contains("Failed").contains("broken");
            assertThat(browser.findElement(By.cssSelector("#timeline li.applied[data-version='1']")).getText()).contains("down script");
            assertThat(browser.findElement(By.cssSelector("#timeline li.pending[data-version='3']")).getText()).contains("Pending");
            screenshot(vendor, Vendor.MYSQL, "migrations");
            browser.findElement(By.id("tab-schema")).click();
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#schema .card[data-table='submissions']")));
            assertThat(browser.findElement(By.cssSelector("#schema .card[data-table='submissions']")).getText())
                    .contains("form_id").contains("foreign key");
            screenshot(vendor, Vendor.MYSQL, "schema");
        }
    }
}
