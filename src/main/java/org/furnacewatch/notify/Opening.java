package org.furnacewatch.notify;

import org.furnacewatch.alert.AlertStore;

import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;

/** An alert being opened, as it flows through silence -> severity -> route inside the alert's transaction. */
final class Opening {
  final Connection connection;
  final UUID id;
  final AlertStore.Resolved resolved;
  final Instant now;
  /** The silence that covers the alert (status SUPPRESSED): it is kept, with its severity, but routed nowhere. */
  Silences.Silence silencedBy;
  boolean suppressed;
  Severity severity;

  Opening(Connection connection, UUID id, AlertStore.Resolved resolved, String status, Instant now) {
    this.connection = connection;
    this.id = id;
    this.resolved = resolved;
    this.suppressed = "SUPPRESSED".equals(status);
    this.now = now;
  }
}
