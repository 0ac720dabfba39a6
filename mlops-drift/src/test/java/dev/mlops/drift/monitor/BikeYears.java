package dev.mlops.drift.monitor;

import dev.mlops.drift.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bike sharing's hourly rows by year, as seasonal label tests replay them: the numeric features
 * (without {@code instant}, {@code dteday}, {@code yr} and the counts; with {@code dteday} as its
 * ISO date string when asked), and per row of the file its label {@code cnt} and the prediction of
 * a model that predicts 2011's mean rentals of the row's hour (so it does not see the demand
 * change).
 *
 * @param y2011 the rows of 2011, in time order
 * @param y2012 the rows of 2012, in time order
 * @param targets {cnt, prediction} of each row of the file (2011's first)
 */
record BikeYears(List<Map<String, Object>> y2011, List<Map<String, Object>> y2012,
    List<double[]> targets) {

  private static final List<String> DROPPED =
      List.of("instant", "dteday", "yr", "casual", "registered", "cnt");

  static BikeYears read(boolean withDate) throws IOException {
    List<Map<String, String>> records = SharedData.bikeSharingRecords();
    double[] hourSum = new double[24];
    double[] hourCount = new double[24];
    for (Map<String, String> v : records) {
      if ("0".equals(v.get("yr"))) {
        hourSum[Integer.parseInt(v.get("hr"))] += Double.parseDouble(v.get("cnt"));
        hourCount[Integer.parseInt(v.get("hr"))]++;
      }
    }
    BikeYears years = new BikeYears(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Map<String, String> v : records) {
      Map<String, Object> row = new LinkedHashMap<>();
      v.forEach((k, x) -> {
        if (!DROPPED.contains(k)) {
          row.put(k, Double.parseDouble(x));
        }
      });
      if (withDate) {
        row.put("dteday", v.get("dteday"));
      }
      ("0".equals(v.get("yr")) ? years.y2011 : years.y2012).add(row);
      int hr = Integer.parseInt(v.get("hr"));
      years.targets.add(new double[] {Double.parseDouble(v.get("cnt")), hourSum[hr] / hourCount[hr]});
    }
    return years;
  }
}
