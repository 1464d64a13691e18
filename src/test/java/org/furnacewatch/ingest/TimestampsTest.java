package org.furnacewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written fast path reads exactly what java.time reads, with or without seconds. */
class TimestampsTest {

  @Test
  void fastPath_withAndWithoutSeconds_agreesWithJavaTime() {
    Random r = new Random(3);
    DateTimeFormatter withSeconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    DateTimeFormatter minutes = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmXXX");
    for (int i = 0; i < 20_000; i++) {
      long epoch = 946_684_800L + (long) (r.nextDouble() * 2_000_000_000L) / 60 * 60;
      ZoneOffset offset = ZoneOffset.ofTotalSeconds((r.nextInt(37) - 18) * 1800);
      OffsetDateTime t = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epoch), offset);
      for (String s : new String[] {withSeconds.format(t), minutes.format(t)}) {
        assertEquals(OffsetDateTime.parse(s).toEpochSecond(), Timestamps.parseWithOffset(s), s);
      }
    }
  }

  @Test
  void localTime_readInTheZone_likeJavaTime() {
    java.time.ZoneId zone = java.time.ZoneId.of("Europe/Berlin"); // has DST gaps and overlaps
    Random r = new Random(4);
    for (int i = 0; i < 20_000; i++) {
      java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(946_684_800L + r.nextInt(2_000_000_000) / 60 * 60, 0,
          ZoneOffset.UTC);
      for (String s : new String[] {t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")),
          t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm"))}) {
        assertEquals(java.time.LocalDateTime.parse(s).atZone(zone).toEpochSecond(), Timestamps.parseLenient(s, zone), s);
      }
    }
  }

  @Test
  void notATimestamp_isInvalid() {
    for (String s : new String[] {"2026-13-01T00:15+08:00", "2026-02-30T00:15+08:00", "2026-01-01T24:00+08:00",
        "2026-01-01T00:15+8:000", "2026-01-01T00:15X08:00", "yesterday", "2026-01-01T00:15:61Z"}) {
      assertEquals(Timestamps.INVALID, Timestamps.parseWithOffset(s), s);
    }
  }
}
