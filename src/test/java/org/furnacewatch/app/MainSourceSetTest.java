package org.furnacewatch.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped service carries no simulator (issue 13, STYLE.md: production code never mixes with the code that
 * measures it). The simulator, the evaluation and the demo replay are the source set {@code src/sim/java}, compiled
 * after main against it; main cannot see it, so an import fails javac first. This pins the same rule where a
 * compiler would not: a source file, a class file's constant pool (a type reference however it got there), or a
 * {@code sim} package under main.
 */
class MainSourceSetTest {
    private static final Pattern SIM_IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?org\\.furnacewatch\\.sim\\b", Pattern.MULTILINE);
    private static final byte[] SIM_INTERNAL_NAME = "org/furnacewatch/sim/".getBytes(StandardCharsets.US_ASCII);

    @Test
    void mainSources_importNothingFromTheSimulator() throws IOException {
        Path main = Path.of("src/main/java");
        assertTrue(Files.isDirectory(main), "run from the project directory");
        assertFalse(Files.exists(main.resolve("org/furnacewatch/sim")), "the simulator belongs in src/sim/java");
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> SIM_IMPORT.matcher(read(p)).find()).toList();
            assertEquals(List.of(), offenders, "main imports org.furnacewatch.sim");
        }
    }

    @Test
    void mainClasses_referenceNoSimulatorType() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes.resolve("org/furnacewatch/app")), "main classes at " + classes);
        assertFalse(Files.exists(classes.resolve("org/furnacewatch/sim")), "simulator classes in the service's classes: " + classes);
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".class")).filter(MainSourceSetTest::referencesSim).toList();
            assertEquals(List.of(), offenders, "main class files refer to org.furnacewatch.sim types");
        }
    }

    private static boolean referencesSim(Path classFile) {
        try {
            byte[] b = Files.readAllBytes(classFile);
            outer:
            for (int i = 0; i + SIM_INTERNAL_NAME.length <= b.length; i++) {
                for (int j = 0; j < SIM_INTERNAL_NAME.length; j++) if (b[i + j] != SIM_INTERNAL_NAME[j]) continue outer;
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
