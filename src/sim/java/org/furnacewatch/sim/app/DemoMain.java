package org.furnacewatch.sim.app;

import org.furnacewatch.app.Config;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.app.Main;

/**
 * {@code ./watch start}: the service (exactly as {@link Main} starts it, with the demo's configuration) plus a
 * simulated 涪陵区 registered through the API and its feed replayed ({@link DemoReplay}). Lives in the simulator's
 * source set, so the shipped {@code furnace-watch.jar} carries no simulator:
 * <pre>
 * java -cp target/furnace-watch.jar:target/furnace-watch-sim.jar org.furnacewatch.sim.app.DemoMain
 * </pre>
 */
public final class DemoMain {
    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        Config config = Config.fromEnvironment(System.getenv(), true);
        FurnaceWatch app = Main.launch(config);
        DemoReplay.start(app, config);
    }
}
