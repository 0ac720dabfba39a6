package dev.mlops.bench.decisions;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded stream shaped like a half-hourly electricity market (the Elec2 layout, no tuning to
 * any detector): rows of 48 periods a day, {@code day} the day of the week ("1" to "7",
 * categorical), {@code period} the half hour in [0, 1] (48 values), {@code nswdemand} with a
 * morning and an evening peak, lower at weekends and an AR(1) noise at 0.98 per row, rounded to
 * 1e-4; {@code nswprice} log-linear in demand with AR(1) noise at 0.9 and heavy-tailed spikes
 * (Pareto, alpha 1.5, 1-6 rows long), in steps of 0.001 (many ties); {@code vicprice}, {@code
 * vicdemand} and {@code transfer} constant (0.003467, 0.422915, 0.414912: an imputation
 * artefact) before {@link #IMPUTED_UNTIL}, varying after. The label (under {@link
 * ReferenceProfile#LABEL}, 0/1) is "the price is above its mean over the last day" (48 rows);
 * the prediction ({@link ReferenceProfile#PREDICTION}) a fixed logistic model of demand and
 * period giving P(up). From {@code changeRow} on, the market changes: price level x1.5, spikes 3x
 * as frequent, demand +0.04. Not thread-safe.
 */
public final class ElectricityStream {

  /** Rows before which the Victorian columns are the constant imputed values. */
  public static final long IMPUTED_UNTIL = 17_424;
  /** Periods per day. */
  public static final int PERIODS = 48;

  private final SplittableRandom random;
  private final long changeRow;
  private final double[] lastDay = new double[PERIODS];
  private double demandNoise;
  private double priceNoise;
  private double transferNoise;
  private int spikeLeft;
  private double spike = 1;
  private long row;

  /**
   * A stream.
   *
   * @param seed the seed
   * @param changeRow the first row of the changed market ({@code Long.MAX_VALUE}: none)
   */
  public ElectricityStream(long seed, long changeRow) {
    this.random = new SplittableRandom(seed);
    this.changeRow = changeRow;
    demandNoise = 0.04 * SyntheticStream.gaussian(random);
    priceNoise = 0.12 * SyntheticStream.gaussian(random);
    // one day of warm-up so the label's moving average is defined from row 0
    for (int i = 0; i < PERIODS; i++) {
      lastDay[i] = price(i, false);
    }
  }

  /**
   * The next rows, in time order.
   *
   * @param n rows
   * @return mutable rows: features, {@link ReferenceProfile#PREDICTION} and {@link
   *     ReferenceProfile#LABEL}
   */
  public List<Map<String, Object>> next(int n) {
    List<Map<String, Object>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    return out;
  }

  /**
   * The next row.
   *
   * @return a mutable row: features, {@link ReferenceProfile#PREDICTION} and {@link
   *     ReferenceProfile#LABEL}
   */
  public Map<String, Object> next() {
    long t = row++;
    boolean changed = t >= changeRow;
    int p = (int) (t % PERIODS);
    int dow = (int) ((t / PERIODS + 1) % 7);
    double demand = demand(p, dow, changed);
    double price = price(t, changed, demand);
    double mean = 0;
    for (double v : lastDay) {
      mean += v;
    }
    mean /= PERIODS;
    lastDay[p] = price;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("day", Integer.toString(dow + 1));
    r.put("period", Math.round(p / 47.0 * 1e6) / 1e6);
    r.put("nswprice", price);
    r.put("nswdemand", demand);
    if (t < IMPUTED_UNTIL) {
      r.put("vicprice", 0.003467);
      r.put("vicdemand", 0.422915);
      r.put("transfer", 0.414912);
    } else {
      transferNoise = 0.95 * transferNoise + 0.05 * SyntheticStream.gaussian(random);
      r.put("vicprice", round(Math.max(0, 0.8 * price + 0.002 * SyntheticStream.gaussian(random)), 1e-6));
      r.put("vicdemand", round(clip(0.9 * demand + 0.03 * SyntheticStream.gaussian(random)), 1e-6));
      r.put("transfer", round(clip(0.5 + transferNoise), 1e-6));
    }
    double z = 10 * (demand - 0.45) + 1.5 * Math.sin(2 * Math.PI * p / PERIODS);
    r.put(ReferenceProfile.PREDICTION, 1 / (1 + Math.exp(-z)));
    r.put(ReferenceProfile.LABEL, price > mean ? 1.0 : 0.0);
    return r;
  }

  private double demand(int p, int dow, boolean changed) {
    double shape = 0.8 * Math.exp(-sq((p - 17) / 5.0)) + Math.exp(-sq((p - 36) / 4.0));
    double weekend = dow >= 5 ? 0.8 : 1.0;
    demandNoise = 0.98 * demandNoise + 0.04 * Math.sqrt(1 - 0.98 * 0.98) * SyntheticStream.gaussian(random);
    return round(clip(0.25 + 0.3 * shape * weekend + demandNoise + (changed ? 0.04 : 0)), 1e-4);
  }

  /** Warm-up price (no spikes, no state change but the noise). */
  private double price(int p, boolean changed) {
    double shape = 0.8 * Math.exp(-sq((p - 17) / 5.0)) + Math.exp(-sq((p - 36) / 4.0));
    return price(-1, changed, 0.25 + 0.3 * shape);
  }

  private double price(long t, boolean changed, double demand) {
    priceNoise = 0.9 * priceNoise + 0.12 * Math.sqrt(1 - 0.81) * SyntheticStream.gaussian(random);
    if (t >= 0) {
      if (spikeLeft > 0) {
        spikeLeft--;
      } else {
        spike = 1;
        if (random.nextDouble() < (changed ? 0.012 : 0.004)) {
          spikeLeft = random.nextInt(6);
          spike = 1 + 2 * Math.pow(1 - random.nextDouble(), -1 / 1.5);
        }
      }
    }
    double dollars = 22 * Math.exp(1.8 * (demand - 0.4) + priceNoise) * (changed ? 1.5 : 1)
        * (t >= 0 ? spike : 1);
    // $0.5 steps of a price normalised by $500: steps of 0.001, many ties
    return Math.min(1.0, Math.round(dollars * 2) / 1000.0);
  }

  private static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static double round(double v, double step) {
    return Math.round(v / step) * step;
  }

  private static double sq(double v) {
    return v * v;
  }
}
