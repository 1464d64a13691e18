package org.furnacewatch.alert;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Visibility of a row's 32-bit xmin in a pg_current_snapshot() (64-bit, with epoch). */
class StoredReadingsTest {
    @Test
    void snapshotVisibility() {
        StoredReadings.Snapshot s = new StoredReadings.Snapshot(1000, 1010, Set.of(1003L));
        assertTrue(s.sees(999));
        assertTrue(s.sees(1002));
        assertFalse(s.sees(1003), "in progress when taken");
        assertFalse(s.sees(1010), "started after");
        assertFalse(s.sees(5000));
        long epoch = 3L << 32;
        StoredReadings.Snapshot w = new StoredReadings.Snapshot(epoch + 5, epoch + 20, Set.of());
        assertTrue(w.sees(10));
        assertTrue(w.sees(0xFFFF_FFF0L), "previous epoch");
        assertFalse(w.sees(25));
    }
}
