package org.furnacewatch.notify;

import org.furnacewatch.alert.AlertStore;

import java.sql.SQLException;

/** Every alert gets its severity from its kind, score and the enterprise's status then ({@link Severity#of}). */
final class SeverityStage implements Stage<Opening> {
  @Override
  public Opening exec(Opening o) throws SQLException {
    o.severity = Severity.of(o.resolved.finding().kind(), o.resolved.finding().score(), o.resolved.enterpriseStatus());
    AlertStore.setSeverity(o.connection, o.id, o.severity.name());
    return o;
  }
}
