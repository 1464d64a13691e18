package org.furnacewatch.notify;

import java.sql.SQLException;

/**
 * An alert opened while a silence covers its enterprise and kind is SUPPRESSED (decided as its row is written,
 * {@link Outbox#initialStatus}): the silence is named in its history. It still gets its severity; routing skips it.
 */
final class SilenceStage implements Stage<Opening> {
  private final Silences silences;

  SilenceStage(Silences silences) {
    this.silences = silences;
  }

  @Override
  public Opening exec(Opening o) throws SQLException {
    if (!o.suppressed) {
      return o;
    }
    o.silencedBy = silences.active(o.connection, o.resolved.creditCode(), o.resolved.finding().kind().name(), o.now);
    Silences.Silence s = o.silencedBy;
    Outbox.history(o.connection, o.id, "silence", "SUPPRESSED", s == null ? null : "静默 " + s.id() + "：" + s.reason());
    return o;
  }
}
