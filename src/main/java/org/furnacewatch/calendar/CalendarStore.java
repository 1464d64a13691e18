package org.furnacewatch.calendar;

import org.furnacewatch.codec.Json;
import org.furnacewatch.registry.RegistryRepository;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The years an admin stored, in PostgreSQL ({@code calendar_years}), laid over the shipped file. {@link #load()}
 * puts the result in force at start; {@link #replace} stores a year (audited), puts the new calendar in force and
 * tells the listeners (detection replays under it).
 */
public final class CalendarStore {
  private final DataSource db;
  private final List<Consumer<WorkingCalendar>> listeners = new CopyOnWriteArrayList<>();

  public CalendarStore(DataSource db) {
    this.db = db;
  }

  /** The shipped calendar with every stored year, installed as {@link WorkingCalendar#current()}. */
  public WorkingCalendar load() throws SQLException {
    WorkingCalendar cal = WorkingCalendar.shipped();
    try (Connection c = db.getConnection();
         ResultSet rs = c.createStatement().executeQuery("SELECT year, document::text FROM calendar_years ORDER BY year")) {
      while (rs.next()) {
        try {
          cal = cal.with(CalendarYear.fromJson(Json.MAPPER.readTree(rs.getString(2)), rs.getInt(1)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new SQLException("calendar year " + rs.getInt(1) + " unreadable", e);
        }
      }
    }
    WorkingCalendar.install(cal);
    return cal;
  }

  public void onChange(Consumer<WorkingCalendar> listener) {
    listeners.add(listener);
  }

  /** Stores {@code year} in place of the one in force, audited as {@code actor}; returns the calendar now in force. */
  public synchronized WorkingCalendar replace(CalendarYear year, String actor) throws SQLException {
    WorkingCalendar before = WorkingCalendar.current();
    CalendarYear old = before.year(year.year());
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("""
            INSERT INTO calendar_years (year, document, updated_at, updated_by) VALUES (?, ?::jsonb, ?, ?)
            ON CONFLICT (year) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at,
                updated_by = EXCLUDED.updated_by""")) {
          ps.setInt(1, year.year());
          ps.setString(2, year.toJson().toString());
          ps.setTimestamp(3, java.sql.Timestamp.from(Instant.now()));
          ps.setString(4, actor);
          ps.executeUpdate();
        }
        RegistryRepository.audit(c, actor, "PUT_CALENDAR_YEAR", String.valueOf(year.year()),
            Map.of("before", old == null ? "" : old.toJson().toString(), "after", year.toJson().toString()));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    WorkingCalendar next = WorkingCalendar.current().with(year);
    WorkingCalendar.install(next);
    for (Consumer<WorkingCalendar> l : listeners) l.accept(next);
    return next;
  }

  /** Who stored {@code year} and when, or null for a shipped year. */
  public String[] stored(int year) throws SQLException {
    try (Connection c = db.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT updated_by, updated_at FROM calendar_years WHERE year = ?")) {
      ps.setInt(1, year);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new String[] {rs.getString(1), rs.getTimestamp(2).toInstant().toString()} : null;
      }
    }
  }
}
