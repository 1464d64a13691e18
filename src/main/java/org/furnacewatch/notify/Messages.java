package org.furnacewatch.notify;

import org.furnacewatch.alert.Alert;
import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.Registry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** The message of a delivery, from the alert as it is now, the registry's names and a fresh evidence link. */
final class Messages {
  private final DataSource db;
  private final AlertStore alerts;
  private final Registry registry;
  private final RoutingStore routing;
  private final EvidenceLinks links;
  private final Clock clock;
  private final ZoneId zone;

  Messages(DataSource db, AlertStore alerts, Registry registry, RoutingStore routing, EvidenceLinks links, Clock clock, ZoneId zone) {
    this.db = db;
    this.alerts = alerts;
    this.registry = registry;
    this.routing = routing;
    this.links = links;
    this.clock = clock;
    this.zone = zone;
  }

  Message of(Deliveries.Delivery d) throws SQLException {
    Alert a = alerts.get(d.alertId().toString());
    EnterpriseHistory h = a.enterprise() == null ? null : registry.enterprise(a.enterprise());
    String enterpriseName = h == null ? a.subject() : h.at(a.firstTs().getEpochSecond()).name();
    Instant escalateAt = "REMINDER".equals(d.purpose()) ? escalateAt(d) : null;
    String url = links.url(a.id(), clock.instant().plus(routing.current().evidenceLinkTtl()));
    return new Message(a, d.purpose(), enterpriseName, districtName(a.district()), districtName(d.district()), escalateAt, url, zone);
  }

  private Instant escalateAt(Deliveries.Delivery d) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT escalate_at FROM alert_routing WHERE alert_id = ?")) {
      ps.setObject(1, d.alertId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null;
      }
    }
  }

  private String districtName(String code) {
    District d = code == null ? null : registry.district(code.trim());
    return d == null ? String.valueOf(code) : d.name();
  }
}
