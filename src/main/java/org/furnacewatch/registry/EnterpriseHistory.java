package org.furnacewatch.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every version of one enterprise, ordered by effectiveFrom (then by when it was recorded, so a later PUT
 * with the same effectiveFrom wins). Immutable: a change makes a new history.
 */
public final class EnterpriseHistory {
    private static final Comparator<EnterpriseRecord> ORDER =
            Comparator.comparing(EnterpriseRecord::effectiveFrom).thenComparing(EnterpriseRecord::recordedAt);

    private final List<EnterpriseRecord> versions;
    private final long[] fromEpochSecond;

    private EnterpriseHistory(List<EnterpriseRecord> sorted) {
        this.versions = List.copyOf(sorted);
        this.fromEpochSecond = new long[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) fromEpochSecond[i] = sorted.get(i).effectiveFrom().getEpochSecond();
    }

    public static EnterpriseHistory of(List<EnterpriseRecord> versions) {
        List<EnterpriseRecord> sorted = new ArrayList<>(versions);
        sorted.sort(ORDER);
        return new EnterpriseHistory(sorted);
    }

    public EnterpriseHistory with(EnterpriseRecord version) {
        List<EnterpriseRecord> all = new ArrayList<>(versions);
        all.add(version);
        return of(all);
    }

    public String creditCode() {
        return versions.getFirst().creditCode();
    }

    public List<EnterpriseRecord> versions() {
        return versions;
    }

    /**
     * The version in effect at {@code epochSecond}; a reading older than the first version is judged by the
     * first version (the registry is usually loaded after the meter started reporting).
     */
    /** The first second of the span in which {@link #at}({@code epochSecond}) answers the same version. */
    public long validFrom(long epochSecond) {
        int i = index(epochSecond);
        return i == 0 ? Long.MIN_VALUE : fromEpochSecond[i];
    }

    /** The second after that span (exclusive). */
    public long validTo(long epochSecond) {
        int i = index(epochSecond);
        return i + 1 < fromEpochSecond.length ? fromEpochSecond[i + 1] : Long.MAX_VALUE;
    }

    private int index(long epochSecond) {
        int lo = 0, hi = fromEpochSecond.length - 1, found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (fromEpochSecond[mid] <= epochSecond) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    public EnterpriseRecord at(long epochSecond) {
        return versions.get(index(epochSecond));
    }

    public EnterpriseRecord latest() {
        return versions.getLast();
    }
}
