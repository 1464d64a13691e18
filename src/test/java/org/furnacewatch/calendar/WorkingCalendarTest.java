package org.furnacewatch.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import org.furnacewatch.codec.BadInput;
import org.furnacewatch.codec.Json;
import org.furnacewatch.sim.ChineseHolidays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one calendar file, its compilation into day types, and the checks on a year an admin sends. */
class WorkingCalendarTest {
  private static final DayTypes DAYS = WorkingCalendar.shipped().days();

  /** The official arrangements (国办发明电〔2024〕12号, 〔2025〕7号) and the assumed 2027 one, day by day. */
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "2025-01-01, HOLIDAY", "2025-01-26, MAKEUP", "2025-01-28, HOLIDAY", "2025-02-04, HOLIDAY", "2025-02-08, MAKEUP",
      "2025-04-27, MAKEUP", "2025-05-05, HOLIDAY", "2025-06-02, HOLIDAY", "2025-09-28, MAKEUP", "2025-10-08, HOLIDAY",
      "2025-10-11, MAKEUP", "2025-10-09, WORKDAY", "2025-03-01, WEEKEND",
      "2026-01-03, HOLIDAY", "2026-01-04, MAKEUP", "2026-02-14, MAKEUP", "2026-02-15, HOLIDAY", "2026-02-23, HOLIDAY",
      "2026-02-28, MAKEUP", "2026-05-09, MAKEUP", "2026-06-19, HOLIDAY", "2026-09-20, MAKEUP", "2026-09-27, HOLIDAY",
      "2026-10-07, HOLIDAY", "2026-10-10, MAKEUP",
      // 2027 PROVISIONAL (see the file's source note)
      "2027-01-31, MAKEUP", "2027-02-05, HOLIDAY", "2027-02-12, HOLIDAY", "2027-02-20, MAKEUP", "2027-04-25, MAKEUP",
      "2027-06-09, HOLIDAY", "2027-06-10, WORKDAY", "2027-09-15, HOLIDAY", "2027-09-16, WORKDAY", "2027-09-26, MAKEUP",
      "2027-10-07, HOLIDAY", "2027-10-09, MAKEUP",
      "2030-01-05, WEEKEND", "2030-01-07, WORKDAY", // beyond the file: weekends only
  })
  void shippedFile_dayType(String date, String expected) {
    byte t = DAYS.type(LocalDate.parse(date));
    String actual = switch (t) {
      case DayTypes.HOLIDAY -> "HOLIDAY";
      case DayTypes.MAKEUP_WORKDAY -> "MAKEUP";
      case DayTypes.WEEKEND -> "WEEKEND";
      default -> "WORKDAY";
    };
    assertEquals(expected, actual);
  }

  /** Regression: the detector's and the simulator's calendars disagreed on 9 days of 2027; now there is one. */
  @Test
  void simulatorAndDetection_agreeOnEveryDay() {
    for (LocalDate d = LocalDate.of(2016, 12, 1); d.getYear() <= 2028; d = d.plusDays(1)) {
      assertEquals(DAYS.isWorkingDay(d), ChineseHolidays.isWorkingDay(d), d.toString());
      assertEquals(DAYS.isHoliday(d), ChineseHolidays.isHoliday(d), d.toString());
    }
    assertEquals("春节", ChineseHolidays.festival(LocalDate.of(2027, 2, 6)));
    assertEquals(0, ChineseHolidays.daysFromSpringFestival(LocalDate.of(2027, 2, 8)));
  }

  @Test
  void everyShippedYear_isValidAndCarriesItsSource() {
    assertEquals(11, WorkingCalendar.shipped().years().size());
    for (CalendarYear y : WorkingCalendar.shipped().years()) {
      assertTrue(y.source() != null && !y.source().isBlank(), y.year() + " source");
      assertEquals(y, CalendarYear.fromJson(y.toJson(), y.year()), "round trip " + y.year());
      assertEquals(y.year() == 2027, y.provisional(), y.year() + " provisional");
    }
  }

  @Test
  void replacingAYear_removesItsOldDays() {
    CalendarYear moved = CalendarYear.fromJson(json("""
        {"year":2027,"source":"test","holidays":[{"name":"春节","from":"2027-02-06","to":"2027-02-13"}],
         "workdays":[{"name":"春节","date":"2027-02-20"}]}"""), 2027);
    DayTypes d = WorkingCalendar.shipped().with(moved).days();
    assertTrue(d.isWorkingDay(LocalDate.of(2027, 2, 5)), "the old first day works again");
    assertFalse(d.isWorkingDay(LocalDate.of(2027, 2, 13)));
    assertFalse(d.isHoliday(LocalDate.of(2027, 10, 1)), "the year's other holidays are gone with it");
    assertFalse(d.isMakeUpWorkday(LocalDate.of(2027, 1, 31)));
    assertTrue(d.isHoliday(LocalDate.of(2026, 10, 1)), "other years stay");
    assertNull(d.festival(LocalDate.of(2027, 3, 1)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a date outside the year's reach     | holidays[0].from | {\"holidays\":[{\"name\":\"x\",\"from\":\"2025-10-01\",\"to\":\"2025-10-02\"}]}",
      "to before from                      | holidays[0].to   | {\"holidays\":[{\"name\":\"x\",\"from\":\"2027-10-02\",\"to\":\"2027-10-01\"}]}",
      "a make-up day on a weekday          | workdays[0].date | {\"workdays\":[{\"name\":\"x\",\"date\":\"2027-03-03\"}]}",
      "a make-up day that is also off      | workdays[0].date | {\"holidays\":[{\"name\":\"x\",\"from\":\"2027-01-30\",\"to\":\"2027-01-31\"}],\"workdays\":[{\"name\":\"x\",\"date\":\"2027-01-31\"}]}",
      "not a date                          | holidays[0].from | {\"holidays\":[{\"name\":\"x\",\"from\":\"soon\",\"to\":\"2027-10-01\"}]}",
      "holidays not an array               | holidays         | {\"holidays\":{}}",
      "a year that is not the path's       | year             | {\"year\":2026}",
      "a name missing                      | workdays[0].name | {\"workdays\":[{\"date\":\"2027-01-31\"}]}",
      "a holiday longer than a month       | holidays[0].to   | {\"holidays\":[{\"name\":\"x\",\"from\":\"2027-01-01\",\"to\":\"2027-03-01\"}]}",
  })
  void badYear_isRefusedNamingTheField(String intent, String field, String body) {
    BadInput e = assertThrows(BadInput.class, () -> CalendarYear.fromJson(json(body), 2027), intent);
    assertEquals(field, e.field(), intent);
  }

  private static JsonNode json(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
