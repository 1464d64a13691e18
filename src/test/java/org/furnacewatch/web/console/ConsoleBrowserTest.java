package org.furnacewatch.web.console;

import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.furnacewatch.web.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console end to end in a real browser: Debian's chromium driven by Debian's chromedriver through Selenium (the
 * driver path is given, so Selenium Manager never runs and nothing is downloaded), against the running service with
 * real readings raising real alerts. Screenshots go to {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final String PASSWORD = "correct-horse-battery";

    static Api admin;
    static String home, away, officer, city, analyst, adminLogin;
    static Resurgence.Site homeSite, awaySite;
    static String homeAlert, awayAlert;
    static WebDriver driver;
    static String base;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver not installed (apt-get install -y chromium chromium-driver)");
        admin = TestService.admin();
        base = admin.base();
        home = TestService.newDistrictCode();
        away = TestService.newDistrictCode();
        Fixtures.district(admin, home, "涪陵区（演示）");
        Fixtures.district(admin, away, "长寿区（他区）");
        homeSite = Resurgence.post(admin, home, "BANNED", Resurgence.at("2026-10-01T00:00"));
        awaySite = Resurgence.post(admin, away, "BANNED", Resurgence.at("2026-10-01T00:00"));
        homeAlert = Resurgence.alert(admin, homeSite).getString("id");
        awayAlert = Resurgence.alert(admin, awaySite).getString("id");
        People people = TestService.get().people();
        long n = System.nanoTime() % 100000;
        officer = "officer" + n;
        city = "city" + n;
        analyst = "analyst" + n;
        people.create(officer, "王芳", "涪陵区经济信息委", Role.DISTRICT, home, PASSWORD, "test");
        people.create(city, "李明", "重庆市经济信息委", Role.DISTRICT, "500000", PASSWORD, "test");
        people.create(analyst, "张伟", "数据中心", Role.ANALYST, null, PASSWORD, "test");
        adminLogin = "admin" + n;
        people.create(adminLogin, "赵敏", "市经济信息委", Role.ADMIN, null, PASSWORD, "test");

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000",
                "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void tearDown() {
        if (driver != null) driver.quit();
    }

    static void shot(String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A wait that reads the page afresh: an action re-renders it, and an element found a moment before goes stale. */
    static WebDriverWait await(int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    static void signIn(String login) {
        driver.manage().deleteAllCookies();
        driver.get(base + "/login");
        driver.findElement(By.id("login")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        await(15).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    static List<String> alertIdsOnPage() {
        // read in one script: the rows are replaced every few seconds
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#alert-rows tr[data-alert]')].map(r => r.dataset.alert);");
        return ids;
    }

    @Test
    @Order(1)
    void districtOfficer_seesOnlyTheirDistrictsAlerts() throws Exception {
        signIn(officer);
        assertTrue(driver.getCurrentUrl().endsWith("/inbox"), driver.getCurrentUrl());
        List<String> ids = alertIdsOnPage();
        assertTrue(ids.contains(homeAlert), "own alert listed: " + ids);
        assertFalse(ids.contains(awayAlert), "another district's alert never shown");
        assertFalse(driver.getPageSource().contains("长寿区") || driver.getPageSource().contains(awaySite.creditCode()), "nothing of the other district in the page");
        assertEquals(List.of(home), ((JavascriptExecutor) driver).executeScript(
                "return [...new Set([...document.querySelectorAll('#alert-rows tr[data-alert]')].map(r => r.dataset.district))];"));
        assertTrue(driver.findElement(By.cssSelector("tr[data-alert='" + homeAlert + "'] .countdown")).getText().matches("(剩|已超).*"),
                "acknowledgement deadline counting down");
        shot("01-district-inbox");
    }

    @Test
    @Order(2)
    void newAlert_appearsWithoutAReload() throws Exception {
        driver.get(base + "/inbox");
        ((JavascriptExecutor) driver).executeScript("window.__sameDocument = 'yes';");
        await(15).until(d -> "实时推送已连接".equals(d.findElement(By.id("live")).getText()));
        int before = alertIdsOnPage().size();
        Resurgence.Site late = Resurgence.post(admin, home, "CLOSED", Resurgence.at("2026-10-20T00:00"));
        String lateAlert = Resurgence.alert(admin, late).getString("id");
        // pushed (Server-Sent Events), not polled: the page's slow refresh is every 60 s, the push arrives at once
        await(15).until(d -> alertIdsOnPage().contains(lateAlert));
        assertEquals("yes", ((JavascriptExecutor) driver).executeScript("return window.__sameDocument;"), "no reload happened");
        assertTrue(alertIdsOnPage().size() > before);
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector(\"tr[data-alert='" + lateAlert + "']\").classList.contains('new');"), "marked as new");
        shot("02-new-alert-arrived");
    }

    @Test
    @Order(3)
    void enterpriseChart_marksTheAnomaly() throws Exception {
        driver.get(base + "/enterprises/" + homeSite.creditCode());
        WebElement chart = driver.findElement(By.id("load-chart"));
        await(30).until(d -> "true".equals(chart.getDomAttribute("data-ready")));
        assertTrue(Integer.parseInt(chart.getDomAttribute("data-alerts")) >= 1, "the alert window is shaded");
        assertTrue(Integer.parseInt(chart.getDomAttribute("data-points")) > 20, "the curve is drawn");
        assertTrue(driver.findElement(By.cssSelector("#load-chart canvas")).isDisplayed());
        assertTrue(driver.getPageSource().contains("死灰复燃"), "the alert with its Chinese explanation");
        System.out.println("console chart: " + chart.getDomAttribute("data-points") + " points drawn, fetched+drawn in " + chart.getDomAttribute("data-drawn-ms") + " ms");
        shot("03-enterprise-chart");
    }

    @Test
    @Order(4)
    void caseFromAlert_offersOnlyAllowedActions_andTakesOne() throws Exception {
        driver.get(base + "/inbox");
        // the rows are refreshed every few seconds (an open "更多" stays open), so find them afresh on each try
        By row = By.cssSelector("tr[data-alert='" + homeAlert + "']");
        await(10).until(d -> {
            WebElement details = d.findElement(row).findElement(By.tagName("details"));
            if (details.getDomAttribute("open") == null) details.findElement(By.tagName("summary")).click();
            return true;
        });
        await(10).until(d -> {
            d.findElement(row).findElement(By.cssSelector("button.open-case")).click();
            return true;
        });
        try {
            await(15).until(d -> d.getCurrentUrl().contains("/cases/") || !d.findElements(By.id("error")).isEmpty());
        } catch (RuntimeException e) {
            shot("04-debug");
            throw new AssertionError(driver.getCurrentUrl() + "\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
        assertTrue(driver.getCurrentUrl().contains("/cases/"), () -> driver.findElement(By.id("error")).getText());
        assertEquals("OPEN", driver.findElement(By.id("case-state")).getDomAttribute("data-state"));
        assertFalse(driver.findElements(By.id("do-VERIFY")).isEmpty(), "现场核查 offered");
        assertTrue(driver.findElements(By.id("do-CONFIRM_VIOLATION")).isEmpty(), "认定违规 is not offered before verification (RULE_VERIFY_FIRST)");
        assertTrue(driver.findElements(By.id("do-CLOSE_CASE")).isEmpty());
        shot("04-case-open");
        driver.findElement(By.id("do-VERIFY")).click();
        await(15).until(d -> "VERIFIED".equals(d.findElement(By.id("case-state")).getDomAttribute("data-state")) || !d.findElements(By.id("error")).isEmpty());
        assertTrue(driver.findElements(By.id("error")).isEmpty(), () -> driver.findElement(By.id("error")).getText());
        assertFalse(driver.findElements(By.id("do-CONFIRM_VIOLATION")).isEmpty(), "now 认定违规 is allowed");
        assertTrue(driver.findElements(By.id("do-VERIFY")).isEmpty(), "核查 is not offered twice");
        assertTrue(driver.findElement(By.id("case-history")).getText().contains("王芳"), "recorded under the person's name");
        shot("05-case-verified");
    }

    @Test
    @Order(5)
    void photoUpload_recordsItsSha256() throws Exception {
        assertTrue(driver.getCurrentUrl().contains("/cases/"), "on the case page");
        byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                + "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e0c5a3d70000000049454e44ae426082");
        Path photo = Files.createTempFile("site-photo-", ".png");
        Files.write(photo, png);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        driver.findElement(By.id("evidence-file")).sendKeys(photo.toAbsolutePath().toString());
        driver.findElement(By.id("evidence-note")).sendKeys("现场照片");
        driver.findElement(By.id("upload")).click();
        await(20).until(d -> expected.equals(d.findElement(By.id("upload-result")).getDomAttribute("data-sha256")));
        await(20).until(d -> d.findElement(By.id("evidence-list")).getText().contains(expected));
        shot("06-evidence-uploaded");
    }

    @Test
    @Order(6)
    void cityOffice_seesEveryDistrict() throws Exception {
        signIn(city);
        assertTrue(driver.getCurrentUrl().endsWith("/city"), driver.getCurrentUrl());
        assertFalse(driver.findElements(By.cssSelector("#districts tr[data-district='" + home + "']")).isEmpty());
        assertFalse(driver.findElements(By.cssSelector("#districts tr[data-district='" + away + "']")).isEmpty());
        driver.get(base + "/inbox");
        List<String> ids = alertIdsOnPage();
        assertTrue(ids.contains(awayAlert), "the city sees the other district's alert too");
        driver.get(base + "/city");
        shot("07-city");
    }

    @Test
    @Order(7)
    void analyst_runsABacktestFromThePage() throws Exception {
        signIn(analyst);
        assertTrue(driver.getCurrentUrl().endsWith("/analyst"), driver.getCurrentUrl());
        WebElement days = driver.findElement(By.id("bt-days"));
        days.clear();
        days.sendKeys("90");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("bt-district"))).selectByValue(home);
        driver.findElement(By.id("run-backtest")).click();
        await(120).until(d -> "true".equals(d.findElement(By.id("bt-result")).getDomAttribute("data-done"))
                || d.findElement(By.id("bt-error")).isDisplayed());
        assertFalse(driver.findElement(By.id("bt-error")).isDisplayed(), driver.findElement(By.id("bt-error")).getText());
        assertTrue(driver.findElement(By.id("bt-summary")).getText().contains("告警"));
        assertFalse(driver.findElements(By.cssSelector("#bt-kinds canvas")).isEmpty(), "result drawn as a chart");
        shot("08-analyst-backtest");
    }

    static java.util.Map<String, Object> storedEmailReceiver() {
        return TestService.get().registry().district(home).receivers().stream().filter(r -> "email".equals(r.get("type"))).findFirst().orElseThrow();
    }

    @Test
    @Order(8)
    void admin_editsReceivers_throughTheApi_andSecretsAreNeverShown() throws Exception {
        String password = "smtp-pass-7Q9x";
        signIn(adminLogin);
        driver.get(base + "/admin");
        driver.findElement(By.cssSelector("button.edit-receivers[data-code='" + home + "']")).click();
        await(10).until(d -> d.findElement(By.id("receiver-editor")).isDisplayed());
        driver.findElement(By.cssSelector("button[data-add='email']")).click();
        WebElement row = driver.findElement(By.cssSelector("#receiver-rows .receiver[data-type='email']"));
        row.findElement(By.cssSelector("input[data-field='to']")).sendKeys("jxw@fl.example.cn");
        row.findElement(By.cssSelector("input[data-field='smtpHost']")).sendKeys("127.0.0.1");
        row.findElement(By.cssSelector("input[data-field='smtpPort']")).sendKeys("2525");
        row.findElement(By.cssSelector("input[data-field='password']")).sendKeys(password);
        driver.findElement(By.id("save-receivers")).click();
        await(10).until(d -> d.getCurrentUrl().contains("ok="));
        assertEquals(password, storedEmailReceiver().get("password"), "saved through the API");
        assertFalse(driver.getPageSource().contains(password), "the admin page never shows the password");

        // edit again: the stored password shows only as "set", and leaving it blank keeps it
        driver.findElement(By.cssSelector("button.edit-receivers[data-code='" + home + "']")).click();
        await(10).until(d -> !d.findElements(By.cssSelector("#receiver-rows .receiver[data-type='email']")).isEmpty());
        row = driver.findElement(By.cssSelector("#receiver-rows .receiver[data-type='email']"));
        WebElement pw = row.findElement(By.cssSelector("input[data-field='password']"));
        assertEquals("", pw.getDomProperty("value"));
        assertTrue(pw.getDomAttribute("placeholder").contains("已设置"));
        assertFalse(driver.getPageSource().contains(password));
        WebElement to = row.findElement(By.cssSelector("input[data-field='to']"));
        to.clear();
        to.sendKeys("ajb@fl.example.cn");
        shot("09-admin-receivers");
        driver.findElement(By.id("save-receivers")).click();
        await(10).until(d -> d.getCurrentUrl().contains("ok=") && d.getPageSource().contains("ajb@fl.example.cn"));
        assertEquals("ajb@fl.example.cn", storedEmailReceiver().get("to"));
        assertEquals(password, storedEmailReceiver().get("password"), "a blank password field keeps the stored one");
        assertFalse(admin.get("/api/v1/districts").body().contains(password), "the API shows it as ***");

        // a mask never carries the stored password to another mail server: the API refuses, naming the field
        driver.findElement(By.cssSelector("button.edit-receivers[data-code='" + home + "']")).click();
        await(10).until(d -> !d.findElements(By.cssSelector("#receiver-rows .receiver[data-type='email']")).isEmpty());
        WebElement host = driver.findElement(By.cssSelector("#receiver-rows .receiver[data-type='email'] input[data-field='smtpHost']"));
        host.clear();
        host.sendKeys("mail.elsewhere.example");
        driver.findElement(By.id("save-receivers")).click();
        await(10).until(d -> d.findElement(By.id("receivers-result")).getText().contains(".password"));
        assertEquals("127.0.0.1", storedEmailReceiver().get("smtpHost"), "nothing saved");
    }

    /**
     * The claim "a year of 15-minute data (35,000 points) draws in under a second", measured: a year of 15-minute
     * readings for one enterprise, the chart asked for the whole year at 15 minutes, timed in the browser from the
     * fetch to ECharts' 'finished' event. Five loads of the same window; the first is cold (server JIT, query plan).
     * Figures: benchmarks/README.md#console-chart.
     */
    @Test
    @Order(9)
    void enterpriseChart_drawsAYearOf15MinuteData_inUnderASecond() throws Exception {
        String meter = Fixtures.newMeterId("YR");
        java.time.OffsetDateTime end = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).withSecond(0).withNano(0);
        end = end.minusMinutes(end.getMinute() % 15);
        java.time.OffsetDateTime start = end.minusDays(365);
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(home, "OPERATING", 2000, meter)
                .put("effectiveFrom", start.minusDays(1).toString()));
        int n = 365 * 96;
        long t0 = System.nanoTime();
        // a working rhythm: day shifts on weekdays, a low night, some noise; deterministic
        Resurgence.readings(admin, meter, start, n, i -> {
            int slot = i % 96, day = i / 96;
            double base = slot >= 32 && slot < 72 && day % 7 < 5 ? 220 : 40;
            return base + 15 * Math.sin(i * 0.37) + (i * 7919 % 13);
        });
        System.out.printf("console chart year: stored %d readings in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);

        signIn(officer);
        driver.get(base + "/enterprises/" + code);
        WebElement chart = driver.findElement(By.id("load-chart"));
        await(30).until(d -> "true".equals(chart.getDomAttribute("data-ready")));
        driver.findElement(By.cssSelector(".chart-tools button[data-range='366']")).click();
        await(30).until(d -> "true".equals(chart.getDomAttribute("data-ready")) && "P1D".equals(stepShown()));
        List<Long> drawn = new java.util.ArrayList<>();
        for (int run = 0; run < 5; run++) {
            driver.findElement(By.cssSelector(".chart-tools button[data-step='PT15M']")).click();
            await(30).until(d -> "true".equals(chart.getDomAttribute("data-ready")) && "PT15M".equals(stepShown()));
            assertEquals("finished", chart.getDomAttribute("data-rendered"), "ECharts reported the chart rendered");
            int raw = Integer.parseInt(chart.getDomAttribute("data-raw-points")), points = Integer.parseInt(chart.getDomAttribute("data-points"));
            assertTrue(raw >= 35_000, "a year of 15-minute data: " + raw);
            assertTrue(points <= LoadChart.MAX_POINTS, "reduced on the server: " + points);
            long ms = Long.parseLong(chart.getDomAttribute("data-drawn-ms"));
            drawn.add(ms);
            System.out.printf("console chart year: run %d: %d of %d points, fetch %s ms (server %s ms), fetch to rendered %d ms%n", run + 1, points, raw,
                    chart.getDomAttribute("data-fetch-ms"), chart.getDomAttribute("data-server-ms"), ms);
            // the same button again must load again: wait for the info line to change before the next click
            ((JavascriptExecutor) driver).executeScript("arguments[0].dataset.ready = 'false';", chart);
        }
        shot("10-enterprise-year-15min");
        List<Long> sorted = drawn.stream().sorted().toList();
        System.out.printf("console chart year: fetch to rendered, 5 runs %s, median %d ms%n", drawn, sorted.get(2));
        assertTrue(sorted.get(2) < 1000, "a year of 15-minute data draws in under a second (median of 5): " + drawn);
    }

    static String stepShown() {
        String info = driver.findElement(By.id("chart-info")).getText();
        return info.startsWith("粒度 15分钟") ? "PT15M" : info.startsWith("粒度 日") ? "P1D" : info.startsWith("粒度 小时") ? "PT1H" : "";
    }
}
