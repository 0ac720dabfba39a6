package dev.mlops.examples.demo;

import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.examples.data.LoanApplications;
import dev.mlops.metrics.fairness.Disparity;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The demo's two data sets: generated loan applications (default) and UCI Bike Sharing (--data). */
final class DemoDataSets {

  private DemoDataSets() {}

  /** Generated loan applications: months 1-6 as history, months 7-12 as live traffic (drift from month 9). */
  static DemoData loans(long seed) {
    LoanApplications generator = LoanApplications.of(seed, 800, 8);
    List<DemoData.Batch> live = new ArrayList<>();
    for (int m = 7; m <= 12; m++) {
      live.add(new DemoData.Batch("month " + m, generator.month(m)));
    }
    String description = "Generated consumer-loan applications (seed " + seed + ", " + generator.rowsPerMonth()
        + " a month): predict default. Months 1-6 are history; months 7-12 arrive as live traffic. In month "
        + generator.rateRiseMonth() + " rates rise by three points and a partner app launches as a new channel "
        + "whose applicants default more often. The app is marketed to the young: its applicants are 21 to 29, so "
        + "the monitor watches age_group (a sensitive attribute, not a model feature).";
    return new DemoData("loan-default", description, true, LoanApplications.LABEL, LoanApplications.NUMERIC_FEATURES,
        LoanApplications.CATEGORICAL_FEATURES, List.of("no", "yes"), generator.months(1, 6), live, false, 2, List.of(),
        SensitiveAttributes.builder(LoanApplications.AGE_GROUP)
            .favourableClass(0) // class 0 = "no" default: the loan is approved
            .minGroupSize(50)
            .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8)
            .alertAbove(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.1)
            .build());
  }

  /** UCI Bike Sharing hour.csv: 2011 as history, 2012 month by month as live traffic; regression on cnt. */
  static DemoData bikes(Path hourCsv) throws IOException {
    List<String> numeric = List.of("hr", "temp", "atemp", "hum", "windspeed");
    List<String> categorical = List.of("season", "weathersit", "weekday", "workingday", "holiday", "mnth");
    List<Map<String, Object>> history = new ArrayList<>();
    Map<Integer, List<Map<String, Object>>> months = new LinkedHashMap<>();
    try (Reader reader = Files.newBufferedReader(hourCsv, StandardCharsets.UTF_8);
         CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      for (CSVRecord record : parser) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("dteday", record.get("dteday"));
        for (String f : numeric) {
          row.put(f, Double.parseDouble(record.get(f)));
        }
        for (String f : categorical) {
          row.put(f, record.get(f)); // codes, treated as categories
        }
        row.put("cnt", Double.parseDouble(record.get("cnt")));
        if (record.get("yr").equals("0")) {
          history.add(row);
        } else {
          months.computeIfAbsent(Integer.parseInt(record.get("mnth")), m -> new ArrayList<>()).add(row);
        }
      }
    }
    if (history.isEmpty() || months.isEmpty()) {
      throw new IOException("expected hour.csv of the UCI Bike Sharing data (2011 and 2012 rows): " + hourCsv);
    }
    String[] names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    List<DemoData.Batch> live = new ArrayList<>();
    months.forEach((m, rows) -> live.add(new DemoData.Batch(names[m - 1] + " 2012", rows)));
    String description = "UCI Bike Sharing (Capital Bikeshare, Washington DC; Fanaee-T and Gama 2013): predict "
        + "hourly rentals (cnt). 2011 is history (" + history.size() + " hours); 2012 arrives month by month as "
        + "live traffic. Demand grew by about 60% from 2011 to 2012 and temperature follows the seasons: real drift.";
    return new DemoData("bike-demand", description, false, "cnt", numeric, categorical, List.of(), history, live, true,
        4, List.of("mnth", "season"), null); // one calendar month per window: mnth and season are constant in each
  }
}
