package org.furnacewatch.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import org.furnacewatch.codec.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Chinese working calendar: the years of {@code calendar/cn-workdays.json} (one data file, shipped), each
 * replaceable by a year an admin stored ({@link CalendarStore}), compiled into {@link DayTypes}.
 *
 * <p>{@link #current()} is the calendar in force in this process: working hours of alert escalation and case
 * deadlines read it; detection is handed its {@link DayTypes} and replays when it changes. The simulator uses
 * {@link #shipped()} so a seeded district stays the same whatever an admin stores.
 */
public final class WorkingCalendar {
  public static final String RESOURCE = "calendar/cn-workdays.json";

  private static final WorkingCalendar SHIPPED = load();
  private static volatile WorkingCalendar current = SHIPPED;

  private final Map<Integer, CalendarYear> years;
  private final DayTypes days;

  public WorkingCalendar(Collection<CalendarYear> years) {
    Map<Integer, CalendarYear> m = new TreeMap<>();
    for (CalendarYear y : years) m.put(y.year(), y);
    this.years = java.util.Collections.unmodifiableMap(m);
    this.days = compile(m.values());
  }

  /** The calendar of the shipped data file. */
  public static WorkingCalendar shipped() {
    return SHIPPED;
  }

  /** The calendar in force: the shipped one with the years an admin stored. */
  public static WorkingCalendar current() {
    return current;
  }

  /** Puts {@code calendar} in force (start-up, and an admin's replacement of a year). */
  public static void install(WorkingCalendar calendar) {
    current = calendar;
  }

  public DayTypes days() {
    return days;
  }

  public Collection<CalendarYear> years() {
    return years.values();
  }

  public CalendarYear year(int year) {
    return years.get(year);
  }

  /** This calendar with {@code year} added or replaced. */
  public WorkingCalendar with(CalendarYear year) {
    Map<Integer, CalendarYear> m = new LinkedHashMap<>(years);
    m.put(year.year(), year);
    return new WorkingCalendar(m.values());
  }

  public boolean isWorkingDay(LocalDate date) {
    return days.isWorkingDay(date);
  }

  /** Parses the calendar file format: {@code {"years": [year document, ...]}}. */
  public static WorkingCalendar parse(JsonNode file) {
    List<CalendarYear> ys = new ArrayList<>();
    for (JsonNode y : file.path("years")) ys.add(CalendarYear.fromJson(y, y.path("year").asInt()));
    return new WorkingCalendar(ys);
  }

  private static WorkingCalendar load() {
    try (InputStream in = WorkingCalendar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      return parse(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DayTypes compile(Collection<CalendarYear> years) {
    LocalDate first = null;
    LocalDate last = null;
    for (CalendarYear y : years) {
      LocalDate a = LocalDate.of(y.year() - 1, 12, 1);
      LocalDate b = LocalDate.of(y.year() + 1, 1, 31);
      first = first == null || a.isBefore(first) ? a : first;
      last = last == null || b.isAfter(last) ? b : last;
    }
    if (first == null) return DayTypes.weekendsOnly();
    long firstDay = first.toEpochDay();
    int n = (int) (last.toEpochDay() - firstDay + 1);
    byte[] types = new byte[n];
    for (int i = 0; i < n; i++) types[i] = DayTypes.weekendsOnly().type(firstDay + i);
    byte[] festival = new byte[n];
    List<String> names = new ArrayList<>();
    names.add(null);
    for (CalendarYear y : years) {
      for (CalendarYear.Holiday h : y.holidays()) {
        for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
          int i = (int) (d.toEpochDay() - firstDay);
          types[i] = DayTypes.HOLIDAY;
          festival[i] = nameIndex(names, h.name());
        }
      }
    }
    for (CalendarYear y : years) {
      for (CalendarYear.Workday w : y.workdays()) {
        int i = (int) (w.date().toEpochDay() - firstDay);
        if (types[i] == DayTypes.HOLIDAY) continue; // another year's notice rests that day: the holiday stands
        types[i] = DayTypes.MAKEUP_WORKDAY;
        festival[i] = nameIndex(names, w.name());
      }
    }
    return new DayTypes(firstDay, types, festival, names.toArray(String[]::new));
  }

  private static byte nameIndex(List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      if (names.size() >= 127) return 0;
      names.add(name);
      i = names.size() - 1;
    }
    return (byte) i;
  }
}
