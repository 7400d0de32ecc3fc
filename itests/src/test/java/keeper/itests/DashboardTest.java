package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import keeper.itests.harness.Browser;
import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.HttpEndpoint;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;

/**
 * Issue 17: the web dashboard in a real headless Chromium. It shows the children with the pids /proc
 * knows, a click on Stop stops the real process, and a change made elsewhere (the shell) reaches the
 * page through the event stream. Screenshots go to {@code target/screenshots/}.
 */
class DashboardTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final List<String> CHILDREN = List.of("api", "db", "worker", "talker");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path temp;

    private ServerDir dir;

    @AfterEach
    void stopChildren() {
        if (dir != null) {
            CHILDREN.forEach(name -> Proc.killAll(dir.sleeper(name)));
        }
    }

    @Test
    void showsTheChildrenStopsOneByClickAndFollowsChangesMadeElsewhere() throws Exception {
        Assumptions.assumeTrue(Browser.installed(), "Debian's chromium and chromium-driver are not installed");
        dir = ServerDir.create(temp.resolve("server"), "http:\n  port: 0\n");
        dir.sleeperChild("api", "health:\n  exec: \"true\"\n  interval: 200ms\n");
        dir.sleeperChild("db", "");
        dir.sleeperChild("worker", "");
        // says two lines, then becomes a sleeper that cleanup finds by its command line
        dir.child("broken", "command: sleep 1\nautorestart: sometimes\n");
        dir.child("talker", "command: \"sh -c 'echo hello from talker; echo second line; exec " + dir.sleeper("talker") + "'\"\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            for (String name : CHILDREN) {
                runtime.gogo("keeper:start " + name);
            }
            Map<String, Long> pids = currentPids();
            runtime.gogo("keeper:feature-install web");
            String address = HttpEndpoint.await(runtime);

            try (Browser browser = Browser.start(temp.resolve("chromium-profile"))) {
                WebDriver page = browser.driver();
                WebDriverWait wait = new WebDriverWait(page, WITHIN);
                page.get(address + "/ui/");

                wait.until(shown -> CHILDREN.stream().allMatch(name -> "running".equals(state(shown, name))));
                wait.until(shown -> "yes".equals(shown.findElement(By.id("live")).getDomAttribute("data-live")));
                wait.until(shown -> "healthy".equals(field(shown, "api", "health")));
                String problems = page.findElement(By.id("problems")).getText();
                assertTrue(problems.contains("broken.yml:2: field 'autorestart'"), "a bad child file is shown: " + problems);
                assertEquals("", field(page, "worker", "health"), "no probes, nothing to say");
                for (String name : CHILDREN) {
                    assertEquals(String.valueOf(pids.get(name)), field(page, name, "pid"), name + "'s pid as /proc has it");
                }
                browser.screenshot(SCREENSHOTS.resolve("dashboard.png"));

                row(page, "db").findElement(By.cssSelector("button[data-action='stop']")).click();
                wait.until(shown -> "stopped".equals(state(shown, "db")));
                Proc.awaitDead(pids.get("db"), WITHIN);
                assertEquals("", field(page, "db", "pid"), "a stopped child shows no pid");
                assertFalse(Proc.alive(pids.get("db")));
                browser.screenshot(SCREENSHOTS.resolve("dashboard-db-stopped.png"));

                // a start from the shell reaches the page only through the event stream: the page never polls
                runtime.gogo("keeper:start db");
                long db = Proc.awaitSingle(dir.sleeper("db"), WITHIN);
                wait.until(shown -> "running".equals(state(shown, "db"))
                        && String.valueOf(db).equals(field(shown, "db", "pid")));
                assertEquals(pids.get("api"), Proc.awaitSingle(dir.sleeper("api"), WITHIN));
                assertEquals(pids.get("worker"), Proc.awaitSingle(dir.sleeper("worker"), WITHIN));
                pids.put("db", db);

                // the log view follows: what a restart writes arrives without a click
                row(page, "talker").findElement(By.cssSelector("button[data-action='log']")).click();
                wait.until(shown -> logText(shown).contains("hello from talker\nsecond line"));
                runtime.gogo("keeper:restart talker");
                wait.until(shown -> logText(shown).split("hello from talker", -1).length == 3);
                pids.put("talker", Proc.awaitSingle(dir.sleeper("talker"), WITHIN));
                browser.screenshot(SCREENSHOTS.resolve("dashboard-log.png"));
            }

            runtime.gogo("keeper:feature-uninstall web");
            Awaitility.await("the page to leave with the feature").atMost(WITHIN).until(() -> gone(address + "/ui/"));
            assertEquals(pids, currentPids(), "installing and uninstalling web disturbs no child");
        }
    }

    @Test
    void asksForATokenWhenTheServerRequiresOneAndWorksWithIt() throws Exception {
        Assumptions.assumeTrue(Browser.installed(), "Debian's chromium and chromium-driver are not installed");
        dir = ServerDir.create(temp.resolve("server"), "http:\n  listener_addr: 0.0.0.0\n  port: 0\n");
        dir.sleeperChild("api", "");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            runtime.gogo("keeper:start api");
            long api = Proc.awaitSingle(dir.sleeper("api"), WITHIN);
            runtime.gogo("keeper:feature-install web");
            int port = HttpEndpoint.awaitPort(runtime);
            String host = "127.0.0.1:" + port;
            assertEquals(200, HttpEndpoint.request(port, host, "GET", "/ui/", "").status(), "the page itself needs no token");
            assertEquals(401, HttpEndpoint.request(port, host, "GET", "/api/children", "").status(), "the facts do");
            assertEquals(405, HttpEndpoint.request(port, host, "POST", "/ui/", "X-Keeper-Request: 1\r\n").status(),
                    "the page's context lets only reads in");

            try (Browser browser = Browser.start(temp.resolve("chromium-profile"))) {
                WebDriver page = browser.driver();
                WebDriverWait wait = new WebDriverWait(page, WITHIN);
                page.get("http://127.0.0.1:" + port + "/ui/");

                wait.until(shown -> shown.findElement(By.id("auth")).isDisplayed());
                assertEquals(List.of(), page.findElements(By.cssSelector("#children tr[data-child]")), "no token, no child");
                page.findElement(By.id("token")).sendKeys(HttpEndpoint.token(dir.stateDir()));
                page.findElement(By.cssSelector("#auth button")).click();

                wait.until(shown -> "running".equals(state(shown, "api")) && String.valueOf(api).equals(field(shown, "api", "pid")));
                wait.until(shown -> "yes".equals(shown.findElement(By.id("live")).getDomAttribute("data-live")));
                row(page, "api").findElement(By.cssSelector("button[data-action='stop']")).click();
                wait.until(shown -> "stopped".equals(state(shown, "api")));
                Proc.awaitDead(api, WITHIN);
            }
        }
    }

    private static String logText(WebDriver page) {
        return page.findElement(By.id("log-lines")).getText();
    }

    private static WebElement row(WebDriver page, String child) {
        return page.findElement(By.cssSelector("#children tr[data-child='" + child + "']"));
    }

    /** The row's state, or null while the child has no row yet. */
    private static String state(WebDriver page, String child) {
        List<WebElement> rows = page.findElements(By.cssSelector("#children tr[data-child='" + child + "']"));
        return rows.isEmpty() ? null : rows.get(0).getDomAttribute("data-state");
    }

    private static String field(WebDriver page, String child, String field) {
        return row(page, child).findElement(By.cssSelector("td[data-field='" + field + "']")).getText();
    }

    private static boolean gone(String url) {
        try {
            return HttpEndpoint.get(url).statusCode() == 404;
        } catch (Exception e) {
            return true; // the port closed with the http feature
        }
    }

    private Map<String, Long> currentPids() {
        Map<String, Long> pids = new HashMap<>();
        CHILDREN.forEach(name -> pids.put(name, Proc.awaitSingle(dir.sleeper(name), WITHIN)));
        return pids;
    }
}
