package org.furnacewatch.app;

import java.util.Arrays;

/** {@code java -jar furnace-watch.jar [--demo]}: starts the service; with --demo also a demo district and its feed. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        boolean demo = Arrays.asList(args).contains("--demo");
        Config config = Config.fromEnvironment(System.getenv(), demo);
        FurnaceWatch app = FurnaceWatch.start(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(app::close));
        if (app.generatedAdminToken() != null) {
            System.out.println();
            System.out.println("  管理员令牌 (admin token, shown once; set WATCH_ADMIN_TOKEN to choose your own):");
            System.out.println("  " + app.generatedAdminToken());
            System.out.println();
        }
        if (demo) Demo.start(app, config);
    }
}
