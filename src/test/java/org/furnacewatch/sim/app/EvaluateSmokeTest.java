package org.furnacewatch.sim.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation end to end on a small seeded district: its own service (embedded PostgreSQL), registry, dated
 * changes and declarations over HTTP, three weeks of readings through the real ingest path, then alerts against
 * the simulator's truth. Guards the two kinds the policy exists for and the false-alert budget.
 */
class EvaluateSmokeTest {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void smallDistrict_findsResurgenceAndFurnace_withFewFalseAlerts(@TempDir Path dir) throws Exception {
        EvaluateCommand.Options o = new EvaluateCommand.Options(60, 21, LocalDate.parse("2025-03-03"), 7L, dir, null, 2, 15_000, false);
        EvaluateCommand.Report r = EvaluateCommand.run(o, System.out);
        System.out.println(EvaluateCommand.table(r));

        assertEquals(0, r.rejected(), "the simulated feed is valid: nothing may be rejected");
        for (String kind : new String[] {"RESURGENCE", "FURNACE_SIGNATURE"}) {
            EvaluateCommand.KindRow k = r.row(kind);
            assertTrue(k.truths() >= 1, kind + ": the district must hold a positive");
            assertEquals(k.truths(), k.detectedWithin24h(), kind + " must be detected within 24 h of onset: " + k);
        }
        // 60 x 21 = 1,260 enterprise-days; the budget at scale is 1 per 10,000. Allow at most one here.
        assertTrue(r.falseAlerts() <= 1, "false alerts: " + r.falseAlerts() + "\n" + EvaluateCommand.table(r));
        assertTrue(Files.exists(r.markdown()));
        assertTrue(Files.readString(dir.resolve("evaluate-alerts.csv")).startsWith("verdict,kind,enterprise"));
    }
}
