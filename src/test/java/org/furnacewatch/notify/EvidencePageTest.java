package org.furnacewatch.notify;

import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The evidence page a message links to: opened without a token through a signed, expiring link, it shows the load
 * curve with the anomaly window marked, drawn server-side as SVG; checked in a real headless Chromium too.
 */
class EvidencePageTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static Api admin;
    static String alertId, url, district;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "证据测试区");
        Resurgence.Site site = Resurgence.post(admin, district, "BANNED", Resurgence.at("2026-09-01T00:00"));
        alertId = Resurgence.alert(admin, site).getString("id");
        Api.Answer link = admin.as(admin.token("district", district)).get("/api/v1/alerts/" + alertId + "/evidence-link");
        assertEquals(200, link.status(), link.body());
        url = link.json().getString("url");
    }

    static Api anonymous() {
        return new Api(admin.base(), null);
    }

    @Test
    void signedLink_showsTheCurveWithTheAnomalyWindow_withoutAToken() {
        Api.Answer page = anonymous().get(url.substring(admin.base().length()));
        assertEquals(200, page.status());
        assertTrue(page.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String csp = page.raw().headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.startsWith("default-src 'none'") && !csp.contains("script-src") && !csp.contains("unsafe-inline"), "no script, no inline style: " + csp);
        String html = page.body();
        assertTrue(!html.contains("<style") && !html.contains(" style=\"") && html.contains("href=\"/assets/evidence.css\""),
                "styles only from the service's own stylesheet (rendered by the one template engine)");
        assertTrue(html.contains("<path id=\"load-curve\" d=\"M"), "curve drawn");
        assertTrue(html.contains("id=\"anomaly-window\""), "window marked");
        assertTrue(html.contains("id=\"threshold\"") && html.contains("待机上限"), "standby ceiling drawn");
        assertTrue(html.contains("负荷曲线") && html.contains("异常时段") && html.contains("渝东再生金属有限公司"));
        assertTrue(html.contains("关停"), "the summary");
        assertTrue(!html.contains("<script") && !html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""), "nothing fetched");
        int segments = html.split("L", -1).length;
        assertTrue(segments > 200, "stored readings around the window, not only the evidence points: " + segments);
    }

    @Test
    void tamperedOrExpiredLink_showsNothing() {
        String path = url.substring(admin.base().length());
        Matcher sig = Pattern.compile("sig=(.)").matcher(path);
        assertTrue(sig.find());
        // one character changed, never to itself (a signature that began with '0' once made this check pass by luck)
        Api.Answer tampered = anonymous().get(path.replaceFirst("sig=.", "sig=" + (sig.group(1).equals("0") ? "1" : "0")));
        assertEquals(403, tampered.status());
        assertTrue(tampered.body().contains("链接无效") && tampered.raw().headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
        assertEquals(403, anonymous().get("/alerts/" + alertId + "/evidence").status());
        String otherAlert = path.replace(alertId, "00000000-0000-0000-0000-000000000000");
        assertEquals(403, anonymous().get(otherAlert).status(), "a signature is for one alert only");
        String expired = TestService.get().delivery().links().path(alertId, Instant.now().minusSeconds(60));
        assertEquals(410, anonymous().get(expired).status());
    }

    @Test
    void realBrowser_rendersTheSvgCurveAndTheMarkedWindow() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed (apt-get install -y chromium)");
        Path profile = Files.createTempDirectory("fw-chromium-");
        String dom = chromium(profile, "--dump-dom", url);
        assertTrue(dom.contains("<svg id=\"load-chart\""), dom.length() > 500 ? dom.substring(0, 500) : dom);
        Matcher m = Pattern.compile("<path id=\"load-curve\" d=\"(M[^\"]+)\"").matcher(dom);
        assertTrue(m.find(), "the curve path is in the rendered DOM");
        assertTrue(m.group(1).length() > 1000);
        assertTrue(dom.contains("id=\"anomaly-window\""));
        Path png = Path.of("target", "evidence-page.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(profile, "--screenshot=" + png, url);
        assertTrue(Files.size(png) > 20_000, "a real picture: " + Files.size(png) + " bytes");
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }

    static String chromium(Path profile, String mode, String target) throws IOException, InterruptedException {
        List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1200,1000", mode, target);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        return new String(out, StandardCharsets.UTF_8);
    }
}
