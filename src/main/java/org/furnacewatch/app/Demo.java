package org.furnacewatch.app;

import org.furnacewatch.sim.DistrictSimulator;
import org.furnacewatch.sim.EnterpriseRecord;
import org.furnacewatch.sim.Reading;
import org.furnacewatch.sim.ReadingWriter;
import org.furnacewatch.sim.RegistryChange;
import org.furnacewatch.sim.SimConfig;
import org.furnacewatch.sim.SimJson;
import org.furnacewatch.sim.SimulatedDistrict;
import org.furnacewatch.web.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code --demo}: registers a simulated 涪陵区 (500102) through the real API and replays its power-company
 * feed, the last two weeks quickly and then each reading as its interval closes, so readings flow at once.
 */
final class Demo {
    private static final Logger log = LoggerFactory.getLogger(Demo.class);
    static final String DISTRICT = "500102";
    private static final int ENTERPRISES = 60;
    private static final int HISTORY_DAYS = 14;

    private final FurnaceWatch app;
    private final Config config;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private Demo(FurnaceWatch app, Config config) {
        this.app = app;
        this.config = config;
        this.base = "http://127.0.0.1:" + app.httpPort();
    }

    static void start(FurnaceWatch app, Config config) {
        Thread.ofPlatform().daemon(true).name("demo-feed").start(() -> {
            try {
                new Demo(app, config).run();
            } catch (Exception e) {
                log.error("演示数据回放失败 (demo feed failed)", e);
            }
        });
    }

    private void run() throws Exception {
        String admin = app.tokens().create(Role.ADMIN, null, "demo loader", "system");
        String feed = app.tokens().create(Role.FEED, null, "演示供电公司数据接口 (demo feed)", "system");
        String district = app.tokens().create(Role.DISTRICT, DISTRICT, "涪陵区演示账号 (demo district)", "system");
        LocalDate today = LocalDate.now(config.zone());
        SimulatedDistrict sd = new DistrictSimulator(SimConfig.fuling(ENTERPRISES, today.minusDays(HISTORY_DAYS - 1), HISTORY_DAYS, 2017L)).simulate();

        send("PUT", "/api/v1/districts/" + DISTRICT, admin, "application/json", SimJson.putBody(sd.district()));
        for (EnterpriseRecord r : sd.enterprises()) send("PUT", r.path(), admin, "application/json", SimJson.putBody(r));
        for (RegistryChange c : sd.changes()) send("PUT", c.record().path(), admin, "application/json", SimJson.putBody(c.record()));

        System.out.printf("%n  演示区县 涪陵区 (500102) 已登记 %d 家企业。区县令牌 (district token): %s%n", sd.enterprises().size(), district);
        printPeople(demoPeople());
        System.out.printf("  试试 (try): curl -H 'Authorization: Bearer %s' '%s/api/v1/enterprises/%s/readings?step=PT1H'%n%n",
                district, base, sd.enterprises().getFirst().creditCode());

        List<Reading> notYetDue = new ArrayList<>();
        Iterator<List<Reading>> days = sd.dayBatches();
        int day = 0;
        long accepted = 0;
        while (days.hasNext()) {
            List<Reading> due = new ArrayList<>();
            long now = Instant.now().getEpochSecond();
            for (Reading r : days.next()) (r.epochSecond() <= now ? due : notYetDue).add(r);
            accepted += post(feed, due);
            day++;
            log.info("演示回放 (demo replay) {} {}/{} 天, 已接收 {} 条读数", bar(day, HISTORY_DAYS), day, HISTORY_DAYS, accepted);
            Thread.sleep(300);
        }
        while (!notYetDue.isEmpty()) {
            Thread.sleep(60_000);
            long now = Instant.now().getEpochSecond();
            List<Reading> due = notYetDue.stream().filter(r -> r.epochSecond() <= now).toList();
            notYetDue.removeAll(due);
            if (!due.isEmpty()) accepted += post(feed, due);
        }
        log.info("演示数据已全部送达 (demo feed complete): {} 条读数", accepted);
    }

    /** The demo's people: one per kind of user, each with a fresh password at every start (printed once). */
    private List<String[]> demoPeople() throws Exception {
        String[][] people = {
                {"fuling", "王芳", "涪陵区经济信息委", "district", DISTRICT, "区县（涪陵区）"},
                {"chongqing", "李明", "重庆市经济信息委", "district", "500000", "市级（重庆市）"},
                {"analyst", "张伟", "市电力公司数据中心", "analyst", null, "分析员"},
                {"admin", "赵敏", "系统管理", "admin", null, "管理员"}};
        List<String[]> out = new ArrayList<>();
        for (String[] p : people) {
            String password = "demo-" + java.util.HexFormat.of().formatHex(randomBytes(5));
            if (app.people().byLogin(p[0]) == null) {
                app.people().create(p[0], p[1], p[2], Role.parse(p[3]), p[4], password, "system:demo");
            } else {
                app.people().setPassword(p[0], password, "system:demo");
            }
            out.add(new String[] {p[0], password, p[5] + " " + p[1]});
        }
        return out;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    private void printPeople(List<String[]> people) {
        System.out.printf("  控制台 (console): %s/  演示账号 (demo people, 密码每次启动重新生成):%n", base);
        for (String[] p : people) System.out.printf("    %-10s %-16s %s%n", p[0], p[1], p[2]);
        System.out.println();
    }

    private long post(String token, List<Reading> rows) throws Exception {
        long accepted = 0;
        for (int from = 0; from < rows.size(); from += 5000) {
            String body = ReadingWriter.body(rows.subList(from, Math.min(rows.size(), from + 5000)), ReadingWriter.Format.NDJSON);
            String answer = send("POST", "/api/v1/readings", token, ReadingWriter.Format.NDJSON.contentType, body);
            int i = answer.indexOf("\"accepted\":");
            if (i >= 0) accepted += Long.parseLong(answer.substring(i + 11, answer.indexOf(',', i)));
        }
        return accepted;
    }

    private String send(String method, String path, String token, String contentType, String body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 503 && attempt < 30) {
                Thread.sleep(1000L * Integer.parseInt(res.headers().firstValue("Retry-After").orElse("1")));
                continue;
            }
            if (res.statusCode() >= 300) log.warn("demo {} {} -> {} {}", method, path, res.statusCode(), res.body());
            return res.body();
        }
    }

    private static String bar(int done, int total) {
        int width = 20, filled = done * width / total;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }
}
