package org.furnacewatch.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.furnacewatch.codec.BadInput;
import org.furnacewatch.codec.Json;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One year's arrangement as the State Council's notice states it: holiday ranges (with their bridging rest days) and
 * make-up working days, each with its festival's name. A notice's dates may reach into the neighbouring years (元旦
 * from 30 December), so dates from 1 December before to 31 January after the year are accepted.
 */
public record CalendarYear(int year, String source, boolean provisional, List<Holiday> holidays, List<Workday> workdays) {
  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2100;

  public record Holiday(String name, LocalDate from, LocalDate to) {}

  public record Workday(String name, LocalDate date) {}

  public CalendarYear {
    holidays = List.copyOf(holidays);
    workdays = List.copyOf(workdays);
  }

  /** Reads and checks a year document; a bad field is {@link BadInput} naming it. */
  public static CalendarYear fromJson(JsonNode n, int year) {
    if (n == null || !n.isObject()) throw new BadInput("body", "须为 JSON 对象 (a JSON object)");
    if (year < FIRST_YEAR || year > LAST_YEAR) throw new BadInput("year", "年份须在 2000 至 2100 之间 (a year 2000-2100)");
    JsonNode y = n.get("year");
    if (y != null && !y.isNull() && (!y.canConvertToInt() || !y.isIntegralNumber() || y.asInt() != year)) {
      throw new BadInput("year", "year 须与路径中的年份一致 (year must match the path)");
    }
    String source = text(n.get("source"), "source", true);
    JsonNode prov = n.get("provisional");
    if (prov != null && !prov.isNull() && !prov.isBoolean()) throw new BadInput("provisional", "须为 true 或 false (a boolean)");
    List<Holiday> holidays = new ArrayList<>();
    Set<LocalDate> off = new HashSet<>();
    int i = 0;
    for (JsonNode h : array(n.get("holidays"), "holidays")) {
      String field = "holidays[" + i++ + "]";
      if (!h.isObject()) throw new BadInput(field, "须为 {name, from, to} (an object)");
      LocalDate from = date(h.get("from"), field + ".from", year);
      LocalDate to = date(h.get("to"), field + ".to", year);
      if (to.isBefore(from)) throw new BadInput(field + ".to", "to 不得早于 from (to before from)");
      if (to.toEpochDay() - from.toEpochDay() > 30) throw new BadInput(field + ".to", "假期不得超过 31 天 (at most 31 days)");
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) off.add(d);
      holidays.add(new Holiday(text(h.get("name"), field + ".name", false), from, to));
    }
    List<Workday> workdays = new ArrayList<>();
    i = 0;
    for (JsonNode w : array(n.get("workdays"), "workdays")) {
      String field = "workdays[" + i++ + "]";
      if (!w.isObject()) throw new BadInput(field, "须为 {name, date} (an object)");
      LocalDate d = date(w.get("date"), field + ".date", year);
      if (off.contains(d)) throw new BadInput(field + ".date", d + " 已是放假日 (already a holiday)");
      DayOfWeek dow = d.getDayOfWeek();
      if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
        throw new BadInput(field + ".date", d + " 不是周末，无需调休上班 (a make-up working day is a Saturday or Sunday)");
      }
      workdays.add(new Workday(text(w.get("name"), field + ".name", false), d));
    }
    return new CalendarYear(year, source, prov != null && prov.asBoolean(), holidays, workdays);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("year", year).put("source", source).put("provisional", provisional);
    ArrayNode hs = o.putArray("holidays");
    for (Holiday h : holidays) hs.addObject().put("name", h.name()).put("from", h.from().toString()).put("to", h.to().toString());
    ArrayNode ws = o.putArray("workdays");
    for (Workday w : workdays) ws.addObject().put("name", w.name()).put("date", w.date().toString());
    return o;
  }

  private static Iterable<JsonNode> array(JsonNode n, String field) {
    if (n == null || n.isNull()) return List.of();
    if (!n.isArray()) throw new BadInput(field, "须为数组 (an array)");
    if (n.size() > 100) throw new BadInput(field, "至多 100 项 (at most 100 entries)");
    return n;
  }

  private static String text(JsonNode n, String field, boolean optional) {
    if (n == null || n.isNull()) {
      if (optional) return null;
      throw new BadInput(field, "缺少 " + field + " (required)");
    }
    if (!n.isTextual()) throw new BadInput(field, "须为文本 (text)");
    String s = n.asText().strip();
    if (s.length() > 500 || s.indexOf('\0') >= 0) throw new BadInput(field, "文本过长或含 NUL (too long or NUL)");
    if (s.isEmpty() && !optional) throw new BadInput(field, "不得为空 (must not be empty)");
    return s;
  }

  private static LocalDate date(JsonNode n, String field, int year) {
    if (n == null || !n.isTextual()) throw new BadInput(field, "须为日期 YYYY-MM-DD (a date)");
    LocalDate d;
    try {
      d = LocalDate.parse(n.asText());
    } catch (DateTimeParseException e) {
      throw new BadInput(field, "须为日期 YYYY-MM-DD (a date)");
    }
    if (d.isBefore(LocalDate.of(year - 1, 12, 1)) || d.isAfter(LocalDate.of(year + 1, 1, 31))) {
      throw new BadInput(field, d + " 不在 " + year + " 年的通知范围内 (outside the year's notice)");
    }
    return d;
  }
}
