package org.furnacewatch.app;

import java.util.Arrays;

/**
 * {@code java -jar furnace-watch.jar}: starts the service. The demo district and its replayed feed are not part of
 * the shipped service: they live in the simulator's source set ({@code src/sim/java}, {@code furnace-watch-sim.jar}),
 * whose {@code org.furnacewatch.sim.app.DemoMain} starts this service and then the replay ({@code ./watch start}).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--demo")) {
            System.err.println("演示区县在模拟器包中 (the demo district lives in furnace-watch-sim.jar): run ./watch start, or "
                    + "java -cp furnace-watch.jar:furnace-watch-sim.jar org.furnacewatch.sim.app.DemoMain");
            System.exit(2);
        }
        launch(Config.fromEnvironment(System.getenv(), false));
    }

    /** Starts the service with a shutdown hook and prints a generated admin token once; the demo builds on this. */
    public static FurnaceWatch launch(Config config) throws Exception {
        FurnaceWatch app = FurnaceWatch.start(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(app::close));
        if (app.generatedAdminToken() != null) {
            System.out.println();
            System.out.println("  管理员令牌 (admin token, shown once; set WATCH_ADMIN_TOKEN to choose your own):");
            System.out.println("  " + app.generatedAdminToken());
            System.out.println();
        }
        return app;
    }
}
