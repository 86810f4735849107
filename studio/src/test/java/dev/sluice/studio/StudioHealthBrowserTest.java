package dev.sluice.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.testkit.PostgresInstance;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The health view as a user watches it: a test-owned PostgreSQL is stopped and its node turns unhealthy within seconds. */
class StudioHealthBrowserTest {
    @Test
    void aStoppedServerTurnsItsNodeUnhealthy() throws Exception {
        ChromeDriver browser = Chromium.start();
        try (PostgresInstance pg = PostgresInstance.start();
                Database db = Database.connect(ConnectionConfig.builder().url(pg.url()).name("main").build());
                Studio studio = Studio.start(db, StudioOptions.builder().port(0).build())) {
            Migrations.builder(db).build().migrate();
            browser.get(studio.url());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-health"))).click();
            By status = By.cssSelector("#health-table tr.node[data-node='main'] td.status");
            wait.until(ExpectedConditions.textToBe(status, "HEALTHY"));
            wait.until(d -> !d.findElements(By.cssSelector("#chart-latency path.series[data-node='main']")).isEmpty()
                    && !d.findElement(By.cssSelector("#chart-latency path.series[data-node='main']")).getAttribute("d").isEmpty());
            // a few samples on the chart (one a second) before the screenshot
            wait.until(d -> d.findElement(By.cssSelector("#chart-latency path.series[data-node='main']")).getAttribute("d").split("L").length > 3);
            Chromium.screenshot(browser, "health");

            pg.stop();
            // a few seconds: the studio checks every node once a second
            wait.until(ExpectedConditions.textToBe(status, "UNHEALTHY"));
            assertThat(browser.findElement(By.cssSelector("#health-table tr.node[data-node='main']")).getText())
                    .doesNotContain("password");
        } finally {
            browser.quit();
        }
    }
}
