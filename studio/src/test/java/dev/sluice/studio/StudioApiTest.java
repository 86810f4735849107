package dev.sluice.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API without a browser, on SQLite: the security rules and what the page's views are built from. */
class StudioApiTest {
    static TestDatabase test;
    static Database db;
    static Studio studio;

    @BeforeAll
    static void start() {
        test = TestDatabases.sqlite();
        db = Database.connect(test.config());
        Migrations.builder(db).build().migrate();
        Seeds.load(db, new DemoSeed(), (t, d, n) -> { });
        studio = Studio.start(db, StudioOptions.builder().port(0).build());
    }

    @AfterAll
    static void stop() {
        studio.close();
        db.close();
        test.close();
    }

    static JsonNode get(String path, int status) throws Exception {
        return get(path, status, "");
    }

    static JsonNode get(String path, int status, String tenant) throws Exception {
        return get(studio, path, status, tenant);
    }

    /** A GET of the JSON API with the access cookie (and a tenant, or "" for none), expecting {@code status}. */
    static JsonNode get(Studio studio, String path, int status, String tenant) throws Exception {
        HttpURLConnection c = StudioBrowserTest.request(studio, path, Map.of("Cookie", "sluice_studio_" + studio.port() + "=" + studio.token(),
                "X-Sluice-Tenant", tenant), null);
        int code = c.getResponseCode();
        String body;
        try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(code).as(path + " answered " + body).isEqualTo(status);
        return new ObjectMapper().readTree(body);
    }

    @Test
    void listsTablesWithCountsAndPagesRows() throws Exception {
        JsonNode tables = get("/api/tables", 200).get("tables");
        assertThat(tables.findValuesAsText("name")).contains("submissions", "forms", "organizations");
        JsonNode page = get("/api/rows?table=submissions&page=2&size=2&sort=created_at&dir=desc", 200);
        assertThat(page.get("rows")).as(page.toString()).hasSize(2);
        assertThat(page.get("total").asInt()).isEqualTo(db.dsl().fetchCount(org.jooq.impl.DSL.table("submissions")));
        JsonNode tenants = get("/api/tenants", 200).get("tenants");
        assertThat(tenants).hasSize(DemoSeed.tenants().size());
    }

    @Test
    void aTenantScopeShowsOnlyItsRows() throws Exception {
        String tenant = DemoSeed.tenants().get(1).toString();
        JsonNode page = get("/api/rows?table=submissions&size=500", 200, tenant);
        assertThat(page.get("rows").findValuesAsText("organization_id")).isNotEmpty().allMatch(tenant::equals);
        assertThat(get("/api/tables", 200, tenant).get("tables")).isNotEmpty();
    }

    @Test
    void refusesUnknownTablesColumnsAndFilters() throws Exception {
        assertThat(get("/api/rows?table=nope", 404).get("error").asText()).contains("No table or view named 'nope'");
        assertThat(get("/api/rows?table=forms&sort=title;drop", 400).get("error").asText()).contains("has no column 'title;drop'");
        assertThat(get("/api/rows?table=forms&fcol=title&fop=like&fval=x", 400).get("error").asText()).contains("is not one of");
    }

    @Test
    void thePageIsServedWithItsCsrfTokenAndStrictHeaders() throws Exception {
        HttpURLConnection c = StudioBrowserTest.request(studio, "/?token=" + studio.token(), Map.of(), null);
        assertThat(c.getResponseCode()).isEqualTo(303);
        assertThat(c.getHeaderField("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(c.getHeaderField("Location")).isEqualTo("/");
        // a page of another host name that resolves to 127.0.0.1 (DNS rebinding) is refused, token or not
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", studio.port())) {
            socket.getOutputStream().write(("GET /api/tables HTTP/1.1\r\nHost: evil.example:" + studio.port() + "\r\nCookie: sluice_studio_"
                    + studio.port() + "=" + studio.token() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403");
        }
    }
}
