package org.furnacewatch.notify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Deadlines counted in working hours (09:00-17:00, Asia/Shanghai) over the Chinese calendar. */
class WorkingTimeTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final WorkingTime NINE_TO_FIVE = new WorkingTime(true, LocalTime.of(9, 0), LocalTime.of(17, 0), SHANGHAI);

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-02-13T16:00 | PT4H  | 2026-02-14T12:00 | Friday before Spring Festival: runs on into the Saturday make-up working day
            2026-02-14T15:00 | PT4H  | 2026-02-24T11:00 | raised on the last make-up day: the 9-day holiday does not count
            2026-02-14T15:00 | PT3H  | 2026-02-24T10:00 | reminder an hour earlier, also after the holiday
            2026-09-30T16:00 | PT2H  | 2026-10-08T10:00 | National Day 2026 (10-01..10-07)
            2026-11-20T16:30 | PT1H  | 2026-11-23T09:30 | an ordinary weekend
            2026-11-23T07:00 | PT1H  | 2026-11-23T10:00 | before opening time counts from 09:00
            2026-11-23T17:00 | PT1H  | 2026-11-24T10:00 | at closing time counts from the next morning
            2026-11-23T09:00 | PT8H  | 2026-11-23T17:00 | a whole working day ends at closing
            2026-11-23T12:00 | PT16H | 2026-11-25T12:00 | two working days
            """)
    void plus_countsOnlyWorkingHours(String from, String amount, String expected, String intent) {
        assertEquals(LocalDateTime.parse(expected).atZone(SHANGHAI).toInstant(),
                NINE_TO_FIVE.plus(LocalDateTime.parse(from).atZone(SHANGHAI).toInstant(), Duration.parse(amount)), intent);
    }

    @Test
    void wallClock_ignoresHolidays() {
        var from = LocalDateTime.parse("2026-02-14T15:00").atZone(SHANGHAI).toInstant();
        assertEquals(from.plus(Duration.ofHours(4)), WorkingTime.wallClock(SHANGHAI).plus(from, Duration.ofHours(4)));
    }

    @Test
    void backoff_doublesUpToTheCap_withJitterBetweenHalfAndAll() {
        Backoff full = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.999999);
        Backoff half = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.0);
        assertEquals(999, full.after(1).toMillis());
        assertEquals(3999, full.after(3).toMillis());
        assertEquals(9999, full.after(5).toMillis(), "capped");
        assertEquals(9999, full.after(200).toMillis(), "no overflow");
        assertEquals(500, half.after(1).toMillis());
        assertEquals(5000, half.after(9).toMillis());
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(textBlock = """
            RESURGENCE,        0.5,  BANNED,    CRITICAL
            RESURGENCE,        0.5,  CLOSED,    HIGH
            RESURGENCE,        0.95, SEALED,    CRITICAL
            FURNACE_SIGNATURE, 0.5,  SEALED,    CRITICAL
            FURNACE_SIGNATURE, 0.8,  OPERATING, HIGH
            FURNACE_SIGNATURE, 0.5,  OPERATING, MEDIUM
            FLAT_CONTINUOUS,   0.9,  OPERATING, MEDIUM
            PEER_OUTLIER,      0.5,  OPERATING, LOW
            """)
    void severity_fromKindScoreAndStatus(String kind, double score, String status, String expected) {
        assertEquals(Severity.valueOf(expected), Severity.of(org.furnacewatch.detect.FindingKind.valueOf(kind), score, status));
    }
}
