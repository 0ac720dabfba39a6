package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ReferenceCalendarTest {

  /** Daily rows from {@code start} for {@code days} days: month, a month-minus-one code, noise. */
  private static ReferenceProfile daily(LocalDate start, int days, boolean asString) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().timeColumn("day");
    for (int i = 0; i < days; i++) {
      LocalDate d = start.plusDays(i);
      Map<String, Object> row = new HashMap<>();
      row.put("day", asString ? d.toString() : d);
      row.put("month", (double) d.getMonthValue());
      row.put("code", (double) d.getMonthValue() - 1);
      row.put("x", Math.sin(i));
      b.add(row);
    }
    return b.build();
  }

  private static ReferenceCalendar calendar(ReferenceProfile p) {
    return p.chunks().orElseThrow().calendar().orElseThrow();
  }

  @Test
  void calendar_recordsSpanMonthsAndTheFeatureEqualToTheMonth_notTheTimeColumnItself() {
    ReferenceProfile p = daily(LocalDate.of(2020, 1, 1), 366, true);
    ReferenceCalendar c = calendar(p);

    assertThat(c.describe()).isEqualTo("day 2020-01-01 to 2020-12-31 (365 days), 366 rows");
    assertThat(c.monthFeatures()).containsExactly("month"); // "code" is the month minus one
    assertThat(c.rowsInMonth(2)).isEqualTo(29);
    assertThat(c.spansYear()).isTrue();
    assertThat(p.featureNames()).containsExactlyInAnyOrder("month", "code", "x");
    assertThat(calendar(daily(LocalDate.of(2020, 1, 1), 366, false))).isEqualTo(c);
  }

  @Test
  void timeValues_ofEveryForm_giveTheMonthOfTheirOwnDate() {
    assertThat(ReferenceCalendar.timeOf(1_293_840_000_000L)).containsExactly(1_293_840_000_000L, 1);
    assertThat(ReferenceCalendar.timeOf(Instant.parse("2011-01-31T23:30:00Z"))[1]).isEqualTo(1);
    assertThat(ReferenceCalendar.timeOf(LocalDateTime.of(2011, 3, 1, 0, 0))[1]).isEqualTo(3);
    // 1 February 00:30 at +02:00 is still January in UTC: the month of its own date is February
    assertThat(ReferenceCalendar.timeOf(OffsetDateTime.of(2011, 2, 1, 0, 30, 0, 0,
        ZoneOffset.ofHours(2)))[1]).isEqualTo(2);
    assertThat(ReferenceCalendar.timeOf("2011-12-31T10:00:00Z")[1]).isEqualTo(12);
    assertThat(ReferenceCalendar.timeOf("2011-12-31T10:00")[1]).isEqualTo(12);
    assertThat(ReferenceCalendar.timeOf("yesterday")).isNull();
    assertThat(ReferenceCalendar.timeOf(Double.NaN)).isNull();
  }

  @Test
  void rowWithoutATime_isRefused_namingTheColumnRowAndValue() {
    ReferenceProfile.Builder b = ReferenceProfile.builder().timeColumn("day");
    b.add(Map.of("day", "2011-01-01", "x", 1.0));

    assertThatThrownBy(() -> b.add(Map.of("day", "01/02/2011", "x", 2.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("time column 'day' must hold a time in every row")
        .hasMessageEndingWith("row 1 has '01/02/2011'");
    assertThatThrownBy(() -> b.add(Map.of("x", 2.0)))
        .hasMessageEndingWith("row 1 has none");
    assertThatThrownBy(() -> ReferenceProfile.builder().timeColumn(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time column must not be blank: ' '");
    assertThatThrownBy(() -> ReferenceProfile.builder().add(Map.of("x", 1.0)).timeColumn("day"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("time column must be set before data is added");
  }

  @Test
  void calendar_survivesBytes_isRefusedByVersion6_andMergesHalves() {
    ReferenceProfile first = daily(LocalDate.of(2011, 1, 1), 181, false);
    ReferenceProfile second = daily(LocalDate.of(2011, 7, 1), 184, false);
    ReferenceProfile merged = first.merge(second);

    assertThat(calendar(first).spansYear()).isFalse();
    assertThat(calendar(merged).describe())
        .isEqualTo("day 2011-01-01 to 2011-12-31 (364 days), 365 rows");
    assertThat(calendar(merged).spansYear()).isTrue();
    assertThat(calendar(merged).monthFeatures()).containsExactly("month");
    ReferenceProfile read = ReferenceProfile.fromBytes(merged.toBytes());
    assertThat(calendar(read)).isEqualTo(calendar(merged));
    assertThat(read.sizeInBytes()).isEqualTo(merged.toBytes().length);
    assertThatThrownBy(() -> ProfileCodec.encode(merged, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a calendar needs format version 7: 6");
    // a profile of version 6 is read without a calendar
    assertThat(ReferenceProfile.fromBytes(ProfileCodec.encode(
        merged.withChunks(merged.chunks().orElseThrow().withCalendar(null)), 6)).chunks()
        .orElseThrow().calendar()).isEmpty();
    // ordered by another column: no common calendar
    ReferenceProfile other = ReferenceProfile.builder().timeColumn("when")
        .add(Map.of("when", "2012-01-01", "month", 1.0, "code", 0.0, "x", 0.5)).build();
    assertThat(first.merge(other).chunks().orElseThrow().calendar()).isEmpty();
  }
}
