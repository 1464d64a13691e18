package org.furnacewatch.app;

/** Placeholder until the simulator lands. */
final class Demo {
    private Demo() {}

    static void start(FurnaceWatch app, Config config) {
    }
}
