package org.furnacewatch.alert;

import org.furnacewatch.codec.BadInput;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the alert list ended: the last alert's {@code (lastTs, id)} in the list's order (newest
 * {@code lastTs} first, then id), opaque to clients (24 bytes, base64url). The next page is a keyset read from there,
 * so page 1,000 costs what page 1 costs.
 */
public record AlertCursor(Instant lastTs, UUID id) {
  public static AlertCursor after(Alert a) {
    return new AlertCursor(a.lastTs(), UUID.fromString(a.id()));
  }

  public String encode() {
    ByteBuffer b = ByteBuffer.allocate(24);
    b.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, lastTs));
    b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** The cursor a previous page gave, or {@link BadInput} naming {@code cursor}. */
  public static AlertCursor decode(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != 24) throw new BadInput("cursor", "cursor 无效：请使用上一页给出的值 (use the cursor a previous page gave)");
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long micros = b.getLong();
    if (micros < -62_135_596_800_000_000L || micros > 253_402_300_799_000_000L) {
      throw new BadInput("cursor", "cursor 无效 (bad cursor)");
    }
    return new AlertCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), new UUID(b.getLong(), b.getLong()));
  }
}
