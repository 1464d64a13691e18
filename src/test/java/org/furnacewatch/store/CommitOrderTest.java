package org.furnacewatch.store;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A commit's rows go to COPY in (meter, ts) order whatever order they arrived in. */
class CommitOrderTest {
    @Test
    void mergeSort_ordersAnyPermutationByMeterThenTime() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n : new int[] {1, 2, 3, 17, 1000, 65_537}) {
            long[] keys = new long[n];
            int[] idx = new int[n], tmp = new int[n];
            for (int i = 0; i < n; i++) {
                keys[i] = ReadingTransaction.sortKey(rnd.nextInt(20_000), 1_767_196_800L + 900L * rnd.nextInt(5_000));
                idx[i] = i;
            }
            ReadingTransaction.mergeSort(idx, tmp, keys, n);
            for (int i = 1; i < n; i++) assertTrue(keys[idx[i - 1]] <= keys[idx[i]], "n=" + n + " at " + i);
        }
    }

    @Test
    void sortKey_ordersByMeterFirst_thenTime() {
        assertTrue(ReadingTransaction.sortKey(1, 2_000_000_000L) < ReadingTransaction.sortKey(2, 1_000_000_000L));
        assertTrue(ReadingTransaction.sortKey(7, 1_000_000_000L) < ReadingTransaction.sortKey(7, 1_000_000_900L));
    }
}
