package org.furnacewatch.alert;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Visibility of a row's stored 64-bit transaction id (readings.txid) in a pg_current_snapshot(). */
class StoredReadingsTest {
    @Test
    void snapshotVisibility() {
        StoredReadings.Snapshot s = new StoredReadings.Snapshot(1000, 1010, Set.of(1003L));
        assertTrue(s.sees(999));
        assertTrue(s.sees(1002));
        assertFalse(s.sees(1003), "in progress when taken");
        assertFalse(s.sees(1010), "started after");
        assertFalse(s.sees(5000));
        assertTrue(s.sees(StoredReadings.NO_TXID), "stored before the txid column existed");
        long epoch = 3L << 32;
        StoredReadings.Snapshot w = new StoredReadings.Snapshot(epoch + 5, epoch + 20, Set.of());
        assertTrue(w.sees(epoch - 10), "previous epoch, full 64-bit ids compare directly");
        assertTrue(w.sees(epoch + 10));
        assertFalse(w.sees(epoch + 25));
    }
}
