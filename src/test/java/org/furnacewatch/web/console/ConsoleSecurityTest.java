package org.furnacewatch.web.console;

import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.furnacewatch.web.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-in, sessions and jurisdiction over real HTTP: what the console promises without a browser. */
class ConsoleSecurityTest {
    static final String PASSWORD = "another-long-secret";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Api admin;
    static String base, login, otherEnterprise, home, away;

    @BeforeAll
    static void setUp() throws Exception {
        admin = TestService.admin();
        base = admin.base();
        home = TestService.newDistrictCode();
        away = TestService.newDistrictCode();
        Fixtures.district(admin, home, "甲区");
        Fixtures.district(admin, away, "乙区");
        otherEnterprise = Resurgence.post(admin, away, "BANNED", Resurgence.at("2026-10-05T00:00")).creditCode();
        login = "sec" + System.nanoTime() % 100000;
        TestService.get().people().create(login, "测试员", "甲区", Role.DISTRICT, home, PASSWORD, "test");
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signIn(String who, String password) throws Exception {
        String form = "login=" + who + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static String cookie(HttpResponse<String> r) {
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @Test
    void signIn_setsAHardenedCookie_andPagesCarryTheCsp() throws Exception {
        HttpResponse<String> r = signIn(login, PASSWORD);
        assertEquals(303, r.statusCode());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Max-Age="), setCookie);
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/inbox")).header("Cookie", cookie(r)));
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertFalse(page.body().contains("<script>") || page.body().contains(" onclick="), "no inline script");
    }

    @Test
    void changeWithoutCsrf_isRefused_andAnotherJurisdictionIsNotFound() throws Exception {
        String c = cookie(signIn(login, PASSWORD));
        HttpResponse<String> ack = send(HttpRequest.newBuilder(URI.create(base + "/alerts/00000000-0000-0000-0000-000000000000/ack"))
                .header("Cookie", c).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("note=x")));
        assertEquals(403, ack.statusCode());
        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/00000000-0000-0000-0000-000000000000/ack"))
                .header("Cookie", c).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(403, api.statusCode(), "the API refuses a session's change without X-CSRF-Token");
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/enterprises/" + otherEnterprise)).header("Cookie", c)).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/enterprises/" + otherEnterprise + "/chart")).header("Cookie", c)).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/api/v1/enterprises/" + otherEnterprise)).header("Cookie", c)).statusCode());
    }

    @Test
    void alertStream_pushesOwnJurisdictionsNewAlerts_andNothingOfAnother() throws Exception {
        String c = cookie(signIn(login, PASSWORD));
        assertEquals(303, send(HttpRequest.newBuilder(URI.create(base + "/inbox/stream"))).statusCode(), "no session, no stream");
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/inbox/stream"))
                .header("Cookie", c).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));
        try {
            assertTrue(lines.poll(10, java.util.concurrent.TimeUnit.SECONDS).startsWith("retry:"), "connected");
            long t0 = System.nanoTime();
            Resurgence.alert(admin, Resurgence.post(admin, away, "BANNED", Resurgence.at("2026-10-12T00:00")));
            Resurgence.alert(admin, Resurgence.post(admin, home, "BANNED", Resurgence.at("2026-10-13T00:00")));
            java.util.List<String> seen = new java.util.ArrayList<>();
            String line;
            while ((line = lines.poll(15, java.util.concurrent.TimeUnit.SECONDS)) != null && !line.startsWith("data:")) seen.add(line);
            assertTrue(line != null, "an event for the own district's new alert: " + seen);
            assertTrue(seen.contains("event: alert"), seen.toString());
            assertEquals("data: [\"" + home + "\"]", line, "names only the district the person may see");
            System.out.printf("alert stream: event %d ms after the two alerts were posted%n", (System.nanoTime() - t0) / 1_000_000);
            Thread.sleep(300); // anything else already sent would be here by now
            for (String l : lines) assertFalse(l.contains(away), "nothing of another jurisdiction on the stream: " + l);
        } finally {
            reader.interrupt();
            stream.body().close();
        }
    }

    @Test
    void failedSignIns_areThrottled() throws Exception {
        String who = "throttle" + System.nanoTime() % 100000;
        TestService.get().people().create(who, "限流", "甲区", Role.ANALYST, null, PASSWORD, "test");
        for (int i = 0; i < Throttle.PER_LOGIN; i++) assertEquals(401, signIn(who, "wrong-password-" + i).statusCode());
        HttpResponse<String> blocked = signIn(who, PASSWORD);
        assertEquals(429, blocked.statusCode(), "even the right password waits once the login is throttled");
        assertTrue(blocked.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void passwords_areArgon2id() {
        String h = Passwords.hash("a-long-password");
        assertTrue(h.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), h);
        assertTrue(Passwords.matches("a-long-password", h));
        assertFalse(Passwords.matches("a-long-passwore", h));
    }
}
