package dev.sluice.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's headless Chromium for browser tests, named explicitly so Selenium Manager never downloads a browser
 * or a driver. Missing Chromium fails the test (it does not skip) with what to install.
 */
final class Chromium {
    static final Path BROWSER = Path.of(System.getProperty("sluice.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("sluice.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    static ChromeDriver start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("The studio's browser tests need Chromium and its driver at " + BROWSER + " and " + DRIVER
                    + ": install them with `apt-get install chromium chromium-driver` (or set -Dsluice.chromium and -Dsluice.chromedriver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--disable-gpu", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Writes a screenshot to docs/images/studio-NAME.png when the build runs with -Dsluice.updateDocs=true. */
    static void screenshot(WebDriver driver, String name) throws Exception {
        if (!Boolean.getBoolean("sluice.updateDocs")) {
            return;
        }
        Path dir = Path.of("..", "docs", "images"); // the module directory is the working directory
        Files.createDirectories(dir);
        byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve("studio-" + name + ".png"), png);
    }
}
