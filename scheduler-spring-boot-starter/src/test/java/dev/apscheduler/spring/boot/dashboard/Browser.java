package dev.apscheduler.spring.boot.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless, with a fresh profile, the
 * driver named explicitly so that Selenium Manager downloads nothing. Without them the tests fail where
 * {@code CI=true} (CI installs them) and are skipped elsewhere.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("apscheduler.test.chromium", "/usr/bin/chromium"));

    static final Path CHROMEDRIVER = Path.of(System.getProperty("apscheduler.test.chromedriver",
            "/usr/bin/chromedriver"));

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-dev-shm-usage", "--window-size=1400,1000");

    private final Path profile;

    final WebDriver driver;

    private Browser(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "Chromium (" + CHROMIUM + ") and its driver (" + CHROMEDRIVER + ") are needed: "
                    + "apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        try {
            Path profile = Files.createTempDirectory("apscheduler-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(FLAGS);
            options.addArguments("--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
            return new Browser(profile, new ChromeDriver(service, options));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    void open(String url) {
        this.driver.get(url);
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
            .until(condition);
    }

    WebElement find(String css) {
        return waitFor((driver) -> {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /**
     * Clicks an element, finding it again if a refresh of the page replaced it in the meantime.
     */
    void click(String css) {
        waitFor((driver) -> {
            try {
                find(css).click();
                return true;
            }
            catch (StaleElementReferenceException ex) {
                return null;
            }
        });
    }

    List<WebElement> all(String css) {
        return this.driver.findElements(By.cssSelector(css));
    }

    /**
     * Saves a screenshot of the page under {@code target/screenshots}.
     */
    Path screenshot(String name) {
        try {
            Path directory = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = directory.resolve(name + ".png");
            Path taken = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        this.driver.quit();
        try (var files = Files.walk(this.profile)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach((file) -> file.toFile().delete());
        }
        catch (IOException ex) {
            // a profile left in the temporary directory harms nothing
        }
    }

}
