package org.furnacewatch.ingest;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 timestamps to epoch seconds. The common shapes ({@code 2026-03-01T00:15:00+08:00}, also without
 * seconds or without offset) are read by hand because java.time's parser costs about a microsecond a row, a
 * third of the ingest budget (and 0.76 s of a cold 100,000-row series score); anything else goes through java.time.
 */
public final class Timestamps {
    /** Returned for text that is not a timestamp with an offset. */
    public static final long INVALID = Long.MIN_VALUE;

    private Timestamps() {}

    public static long parseWithOffset(CharSequence s) {
        long fast = fast(s);
        if (fast != INVALID) return fast;
        try {
            OffsetDateTime t = OffsetDateTime.parse(s);
            return inRange(t.getYear()) ? t.toEpochSecond() : INVALID;
        } catch (DateTimeParseException e) {
            return INVALID;
        }
    }

    /**
     * The years a timestamp may name anywhere in the API: java.time reaches year ±999,999,999, where epoch
     * millis overflow and PostgreSQL refuses; no reading, deadline or silence needs more than four digits.
     */
    public static boolean inRange(int year) {
        return year >= 1 && year <= 9999;
    }

    /**
     * A client-sent ISO-8601 timestamp with offset as an Instant, or {@link org.furnacewatch.codec.BadInput} naming
     * {@code field}: the one way the web layer reads a timestamp.
     */
    public static java.time.Instant instant(String field, Object text) {
        if (text == null) throw new org.furnacewatch.codec.BadInput(field, field + " 缺失 (required)");
        long s = parseWithOffset(text.toString());
        if (s == INVALID) {
            throw new org.furnacewatch.codec.BadInput(field, field + " 须为带时区偏移、年份在 0001-9999 的 ISO-8601 时间 (an ISO-8601 time with offset): "
                    + org.furnacewatch.codec.Text.abbreviate(text.toString()));
        }
        return java.time.Instant.ofEpochSecond(s);
    }

    /** Like {@link #parseWithOffset} but reads a timestamp without offset as local time in {@code zone}. */
    public static long parseLenient(CharSequence s, ZoneId zone) {
        long withOffset = parseWithOffset(s);
        if (withOffset != INVALID) return withOffset;
        int n = s.length();
        long local = n == 19 || n == 16 ? localSeconds(s, n == 19) : INVALID;
        if (local != INVALID) {
            return LocalDateTime.ofEpochSecond(local, 0, java.time.ZoneOffset.UTC).atZone(zone).toEpochSecond();
        }
        try {
            String t = s.toString().trim().replace(' ', 'T');
            LocalDateTime parsed = LocalDateTime.parse(t);
            return inRange(parsed.getYear()) ? parsed.atZone(zone).toEpochSecond() : INVALID;
        } catch (DateTimeParseException e) {
            return INVALID;
        }
    }

    private static final java.time.format.DateTimeFormatter ISO_SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** Epoch seconds as ISO-8601 with the zone's offset and always with seconds: 2026-03-01T00:15:00+08:00. */
    public static String format(long epochSecond, ZoneId zone) {
        return ISO_SECONDS.format(java.time.Instant.ofEpochSecond(epochSecond).atZone(zone));
    }

    private static long fast(CharSequence s) {
        int n = s.length();
        // yyyy-MM-ddTHH:mm[:ss] then Z or ±HH:MM (series exports often drop zero seconds)
        boolean secs = n == 20 || n == 25;
        if (!secs && n != 17 && n != 22) return INVALID;
        long local = localSeconds(s, secs);
        if (local == INVALID) return INVALID;
        int z = secs ? 19 : 16; // where the offset starts
        int offsetSeconds;
        if (n == z + 1) {
            if (s.charAt(z) != 'Z') return INVALID;
            offsetSeconds = 0;
        } else {
            char sign = s.charAt(z);
            if ((sign != '+' && sign != '-') || s.charAt(z + 3) != ':') return INVALID;
            int oh = digits(s, z + 1, 2), om = digits(s, z + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) return INVALID;
            offsetSeconds = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
        }
        return local - offsetSeconds;
    }

    /** The wall-clock fields of yyyy-MM-ddTHH:mm[:ss] as seconds since 1970-01-01T00:00 (no zone), or INVALID. */
    private static long localSeconds(CharSequence s, boolean secs) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || (secs && s.charAt(16) != ':')) return INVALID;
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = secs ? digits(s, 17, 2) : 0;
        if ((year | month | day | hour | minute | second) < 0) return INVALID;
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return INVALID;
        return epochDay(year, month, day) * 86400 + hour * 3600L + minute * 60L + second;
    }

    private static int digits(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
    static long epochDay(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
