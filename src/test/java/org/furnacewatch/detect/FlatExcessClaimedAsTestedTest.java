package org.furnacewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A flat finding claims the excess its window was tested on. The window lets one floor hour, a
 * working day's shoulder, fall short; it used to claim that hour's excess, "every one of the last
 * 16 hours raised by at least -0.75 kW" (seen set 137: a day shift moved to the night, its
 * morning after read as flat). Now it claims the least of the others and names the hour it left
 * out, in the threshold line and in the explanation. (Every detect test's findings are checked for
 * an excess above zero: {@code Fixtures.assertSane}.)
 */
class FlatExcessClaimedAsTestedTest {
  @Test
  void shoulderHourLeftOutIsNamed() {
    Fixtures.RecordingSink sink = new SimulatedEnterprise(137005, LocalDate.of(2026, 1, 7),
        "915001022R5DLKN85T", 0.015).aDayAnUpload().judged(SimulatedEnterprise::operating);
    var flat = sink.opened(FindingKind.FLAT_CONTINUOUS);
    assertEquals(1, flat.size(), sink.findings.toString());
    Finding f = flat.get(0);
    assertTrue(f.features().get("flatExcessKw") > 0, f.toString());
    String line = f.thresholdsCrossed().get(0);
    assertTrue(line.startsWith("all but one shoulder hour of the ")
        && line.contains(" floor hours of the last 16 raised by >= "), line);
    assertTrue(f.explanation().contains("过渡小时除外"), f.explanation());
  }
}
