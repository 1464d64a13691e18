package org.furnacewatch.notify;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Routes an alert that is not suppressed: dates its reminder and escalation (working hours of the Chinese calendar)
 * and fans out, one outbox row per receiver of its district (or the nearest ancestor that has receivers). Each row
 * then runs the per-receiver pipeline on its own.
 */
final class RouteStage implements Stage<Opening> {
  private final Receivers receivers;
  private final RoutingStore routing;

  RouteStage(Receivers receivers, RoutingStore routing) {
    this.receivers = receivers;
    this.routing = routing;
  }

  @Override
  public Opening exec(Opening o) throws SQLException {
    if (o.suppressed) {
      return null;
    }
    Instant[] due = routing.dueTimes(routing.current(), o.now);
    try (PreparedStatement ps = o.connection.prepareStatement(
        "INSERT INTO alert_routing (alert_id, opened_at, remind_at, escalate_at) VALUES (?, ?, ?, ?)")) {
      ps.setObject(1, o.id);
      ps.setTimestamp(2, Timestamp.from(o.now));
      ps.setTimestamp(3, due[0] == null ? null : Timestamp.from(due[0]));
      ps.setTimestamp(4, Timestamp.from(due[1]));
      ps.executeUpdate();
    }
    Outbox.enqueue(o.connection, o.id, "NEW", receivers.forDistrict(o.resolved.district()), o.now);
    return o;
  }
}
