package io.pme.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import io.pme.simulation.MarketSimulation;
import io.pme.simulation.PublicationFrameSink;
import io.pme.simulation.SimulationAgent;
import io.pme.simulation.SimulationConfig;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end: a real engine (embedded media driver, Chronicle Queue journal) driven by the market simulation, the
 * dashboard on an Aeron client of its own on that driver, and the page in headless Chromium. The page must show the
 * accounts and draw the histogram's bars from the events; once the simulation stops and the engine's last output
 * has reached the dashboard, its figures must be the engine's own. The screenshot goes to
 * target/dashboard-e2e.png, and to {@code -Dpme.dashboard.screenshot=FILE} (docs/images/dashboard.png's source).
 * Skipped only where Chromium or its driver is not installed (.ci/run installs them).
 */
class DashboardBrowserTest
{
    private static final String CHROMIUM = System.getProperty("pme.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("pme.chromedriver", "/usr/bin/chromedriver");
    private static final int ACCOUNTS = 400;
    private static final long RATE = 3_000;
    // generous for a loaded 2-core machine, yet bounded: a page that never fills fails the test
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int UPDATES_SEEN = 12;
    // the histogram's bar colour (dashboard.js: rgba(33, 102, 172, 0.7)), as drawn on the canvas
    private static final String BAR_PIXELS = String.join("\n",
        "const c = document.querySelector('#ratio-chart canvas');",
        "if (!c) { return 0; }",
        "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;",
        "let n = 0;",
        "for (let i = 0; i < d.length; i += 4) {",
        "  if (d[i + 3] > 100 && d[i] < 80 && d[i + 1] > 70 && d[i + 1] < 140 && d[i + 2] > 140) { n++; }",
        "}",
        "return n;");

    // Selenium looks for DevTools of the browser's version, which the test does not use: its warning is noise
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    @TempDir
    Path dir;

    @Test
    void thePageShowsTheEnginesPublishedFiguresLive() throws Exception
    {
        CDP_LOG.setLevel(Level.SEVERE);
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
            "Chromium or chromedriver not installed (" + CHROMIUM + ", " + CHROMEDRIVER + ")");

        final EngineContext context = new EngineContext()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .journalDir(dir.resolve("journal"))
            .conclude();
        try (Engine engine = Engine.launch(context);
            Dashboard dashboard = Dashboard.launch(new Dashboard.Context()
                .aeronDirectoryName(context.aeronDirectoryName())
                .outputChannel(context.outputChannel())
                .outputStreamId(context.outputStreamId())
                .port(0)
                .publishIntervalMs(250));
            ExclusivePublication publication =
                engine.aeron().addExclusivePublication(context.inputChannel(), context.inputStreamId());
            Subscription deskOutputs = engine.aeron().addSubscription(
                context.outputChannel(), context.outputStreamId()))
        {
            final String base = "http://127.0.0.1:" + dashboard.port() + "/";
            // subscribed before the first input: the dashboard sees every account opened
            await("the dashboard connected to the engine's outputs",
                () -> snapshot(base).path("connected").asBoolean());
            await("the desk connected", () -> publication.isConnected() && deskOutputs.isConnected());

            final MarketSimulation simulation = new MarketSimulation(
                new SimulationConfig().seed(7).accounts(ACCOUNTS).liquidationDesk(true));
            final long inputsBefore = engine.counters().inputs().get();
            final AgentRunner simulationRunner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace,
                null, new SimulationAgent(simulation, new PublicationFrameSink(publication), SystemNanoClock.INSTANCE,
                RATE, SimulationAgent.DEFAULT_MAX_BURST, () -> engine.counters().inputs().get() - inputsBefore,
                Math.max(1, context.ringSize() / 2), deskOutputs));
            AgentRunner.startOnThread(simulationRunner);
            try
            {
                browse(base);
            }
            finally
            {
                simulationRunner.close();
            }
            deskOutputs.close();

            // the engine drained, and its every output reached the dashboard: then its figures are the engine's
            await("the engine took every input",
                () -> engine.counters().inputs().get() - inputsBefore >= simulation.framesGenerated());
            final long published = engine.counters().outputs().get() - engine.counters().outputsDropped().get();
            await("the dashboard read every output", () -> snapshot(base).path("frames").asLong() >= published);
            final JsonNode last = snapshot(base);
            assertEquals(published, last.path("frames").asLong(), last::toString);
            assertEquals(engine.counters().accounts().get(), last.path("accounts").path("count").asLong());
            long binned = last.path("accounts").path("noMaintenanceMargin").asLong() +
                last.path("accounts").path("unmargined").asLong();
            for (final JsonNode count : last.path("accounts").path("ratioCounts"))
            {
                binned += count.asLong();
            }
            assertEquals(last.path("accounts").path("count").asLong(), binned, "every account in one bin");
            assertTrue(last.path("oracle").path("assets").size() > 0, "an oracle status per asset");
            assertEquals(engine.counters().belowMaintenanceMargin().get(),
                last.path("accounts").path("states").path("LIQUIDATION").asLong() +
                last.path("accounts").path("states").path("BANKRUPT").asLong(), last.path("accounts")::toString);
        }
    }

    private void browse(final String base) throws IOException
    {
        final ChromeOptions options = new ChromeOptions()
            .setBinary(CHROMIUM)
            .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1700", "--user-data-dir=" + dir.resolve("chromium"));
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
        final ChromeDriver driver = new ChromeDriver(service, options);
        try
        {
            driver.get(base);
            final WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.until(d -> updates(driver) >= UPDATES_SEEN && accountsShown(driver) > 0 && barPixels(driver) > 0);
            final long accountsShown = accountsShown(driver);
            final long pixels = barPixels(driver);
            assertTrue(accountsShown > 0, "accounts shown: " + accountsShown);
            assertTrue(pixels > 100, "histogram bars drawn: " + pixels + " pixels");
            assertTrue(driver.findElement(By.id("connection")).getText().contains("connected"));
            assertTrue(driver.findElements(By.cssSelector("#oracle tbody tr")).size() > 0, "oracle rows");

            final byte[] png = ((TakesScreenshot)driver).getScreenshotAs(OutputType.BYTES);
            final Path target = Path.of("target", "dashboard-e2e.png");
            Files.createDirectories(target.getParent());
            Files.write(target, png);
            // how docs/images/dashboard.png is made: -Dpme.dashboard.screenshot=../docs/images/dashboard.png
            final String copy = System.getProperty("pme.dashboard.screenshot");
            if (null != copy)
            {
                Files.write(Path.of(copy), png);
            }
            final BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 800,
                "screenshot " + image.getWidth() + "x" + image.getHeight());
            assertTrue(colours(image) > 50, "the screenshot shows more than a blank page");
        }
        finally
        {
            driver.quit();
        }
    }

    private static long updates(final ChromeDriver driver)
    {
        final Object value = driver.executeScript("return document.body.dataset.updates || '0';");
        return Long.parseLong(String.valueOf(value));
    }

    private static long accountsShown(final ChromeDriver driver)
    {
        return Long.parseLong(driver.findElement(By.id("accounts-count")).getText().replace(",", ""));
    }

    private static long barPixels(final JavascriptExecutor driver)
    {
        return ((Number)driver.executeScript(BAR_PIXELS)).longValue();
    }

    private static int colours(final BufferedImage image)
    {
        final Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4)
        {
            for (int x = 0; x < image.getWidth(); x += 4)
            {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static JsonNode snapshot(final String base) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(base + "snapshot.json")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    private interface Condition
    {
        boolean holds() throws Exception;
    }

    private static void await(final String what, final Condition condition) throws Exception
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds())
        {
            if (System.nanoTime() > deadline)
            {
                fail(what + ": not within " + WAIT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
