package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.FeatureProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The categorical features of a monitor's estimate as numeric indicator columns, so that the
 * label-free estimate (its calibration's local correction, the stacked outcome model, the model
 * beyond the reference) sees a shift in a categorical feature's mix and a region where the model is
 * wrong for one category, while {@code dev.mlops.drift.decision} sees only more numeric columns.
 *
 * <p>A categorical feature of the profile whose values the estimate sample keeps ({@link
 * EstimateSample#categoryRows()}, or numbers for a numeric-coded one) becomes one column per
 * <em>frequent</em> level, named {@code feature=level}: 1 when the row's value is the level, else 0,
 * {@code NaN} when the value is missing. A level is frequent when at least {@value #MIN_LEVEL_ROWS}
 * sample rows have it and it is one of the profile's categories (so that a window's rows can be
 * matched to it); the rare levels and a window's unseen values are pooled as 0 in every column of
 * the feature (the monitor's data quality counts the unseen ones). The columns replace the
 * feature's {@code NaN} column where it stood.
 *
 * <p>The estimate models at most {@value #MAX_COLUMNS} features beyond the reference's range (its
 * extrapolation model; more features and it says so in {@code describe()}), so indicator columns
 * are added only while the correction has at most {@value #MAX_COLUMNS} columns: in rounds, each
 * categorical feature's next most frequent level in turn; the levels left out are pooled with the
 * rare ones. With {@value #MAX_COLUMNS} numeric features or more, no categorical feature is
 * encoded (the estimate is then the numeric one, as before).
 *
 * <p>A window's row is encoded where its chance is computed (the monitor's evaluation thread,
 * {@link RowChances}), from the category code the recording thread buffered: one store per
 * categorical feature on the request. Stateless.
 */
final class CategoryColumns {

  /** Fewest sample rows a level needs for a column of its own. */
  static final int MIN_LEVEL_ROWS = 20;

  /** Most correction columns indicators are added up to (the extrapolation model's limit). */
  static final int MAX_COLUMNS = 20;

  /** The separator of a column's name: {@code feature=level}. */
  static final String SEPARATOR = "=";

  private CategoryColumns() {}

  /**
   * The correction's input: feature names and rows, with the indicator columns in place of the
   * categorical features they encode.
   *
   * @param names the columns' names
   * @param rows the sample rows' values, {@code [row][column]}
   * @param encoded per encoded categorical feature, its indicator columns' levels
   */
  record Encoded(List<String> names, double[][] rows, Map<String, List<String>> encoded) {}

  /**
   * The sample's features with the profile's categorical features encoded; the sample's own
   * columns unchanged ({@code encoded} empty) when no feature gets a column.
   */
  static Encoded of(EstimateSample s, ReferenceProfile profile) {
    List<String> features = s.features();
    double[][] x = s.featureRows();
    String[][] c = s.categoryRows();
    int n = x.length;
    // per categorical feature of the profile, its sample levels by count (frequent ones only)
    Map<Integer, List<String>> candidates = new LinkedHashMap<>();
    int numeric = 0;
    for (int j = 0; j < features.size(); j++) {
      FeatureProfile f = profile.feature(features.get(j)).orElse(null);
      if (!(f instanceof CategoricalProfile cp)) {
        numeric++;
        continue;
      }
      Map<String, Integer> counts = new HashMap<>();
      int present = 0;
      for (int i = 0; i < n; i++) {
        String level = level(c[i][j], x[i][j]);
        if (level != null) {
          counts.merge(level, 1, Integer::sum);
          present++;
        }
      }
      List<String> frequent = new ArrayList<>();
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        // a level every present row has is no column: it would be constant
        if (e.getValue() >= MIN_LEVEL_ROWS && e.getValue() < present
            && cp.indexOf(e.getKey()) >= 0) {
          frequent.add(e.getKey());
        }
      }
      frequent.sort((a, b) -> counts.get(b).equals(counts.get(a)) ? a.compareTo(b)
          : Integer.compare(counts.get(b), counts.get(a)));
      if (!frequent.isEmpty()) {
        candidates.put(j, frequent);
      } else {
        numeric++; // kept as its NaN column, as before
      }
    }
    Map<Integer, List<String>> chosen = new LinkedHashMap<>();
    int budget = MAX_COLUMNS - numeric;
    for (int round = 0; budget > 0; round++) {
      boolean added = false;
      for (Map.Entry<Integer, List<String>> e : candidates.entrySet()) {
        if (budget > 0 && round < e.getValue().size()) {
          chosen.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().get(round));
          budget--;
          added = true;
        }
      }
      if (!added) {
        break;
      }
    }
    if (chosen.isEmpty()) {
      return new Encoded(features, x, Map.of());
    }
    List<String> names = new ArrayList<>();
    List<int[]> from = new ArrayList<>(); // {sample column, level index or -1: numeric}
    Map<String, List<String>> encoded = new LinkedHashMap<>();
    for (int j = 0; j < features.size(); j++) {
      List<String> levels = chosen.get(j);
      if (levels == null) {
        names.add(features.get(j));
        from.add(new int[] {j, -1});
        continue;
      }
      encoded.put(features.get(j), List.copyOf(levels));
      for (int k = 0; k < levels.size(); k++) {
        names.add(features.get(j) + SEPARATOR + levels.get(k));
        from.add(new int[] {j, k});
      }
    }
    double[][] rows = new double[n][names.size()];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < names.size(); m++) {
        int j = from.get(m)[0];
        int k = from.get(m)[1];
        if (k < 0) {
          rows[i][m] = x[i][j];
        } else {
          String level = level(c[i][j], x[i][j]);
          rows[i][m] = level == null ? Double.NaN : level.equals(chosen.get(j).get(k)) ? 1 : 0;
        }
      }
    }
    return new Encoded(List.copyOf(names), rows, encoded);
  }

  /** A sample value's level: its text, or a number's category key; {@code null}: missing. */
  private static String level(String text, double number) {
    if (text != null) {
      return text;
    }
    return Double.isFinite(number) ? CategoricalProfile.key(number) : null;
  }

  /**
   * Finds the correction's indicator columns among its feature {@code names}: a name {@code
   * feature=level} of a monitored categorical feature (not a numeric feature's name, {@code slots[j]
   * < 0}). For each, {@code at[j]} is the feature's categorical slot and {@code indicator[j]} its
   * value per reference category index (1 for the level, else 0); {@code at[j] = -1} for the
   * other names.
   *
   * @return whether some name is an indicator column
   */
  static boolean indicators(Schema schema, List<String> names, int[] slots, int[] at,
      double[][] indicator) {
    Arrays.fill(at, -1);
    boolean any = false;
    for (int j = 0; j < names.size(); j++) {
      if (slots[j] >= 0) {
        continue;
      }
      String name = names.get(j);
      FeatureSpec best = null;
      for (FeatureSpec f : schema.features) {
        // the longest feature name that prefixes the column's ("a=b" before "a" for "a=b=c")
        if (!f.numeric && f.hasReference && name.startsWith(f.name + SEPARATOR)
            && (best == null || f.name.length() > best.name.length())) {
          best = f;
        }
      }
      if (best == null) {
        continue;
      }
      String level = name.substring(best.name.length() + SEPARATOR.length());
      double[] v = new double[best.categories.length];
      int k = best.categoryOf(level);
      if (k >= 0) {
        v[k] = 1;
      }
      at[j] = best.categoricalSlot;
      indicator[j] = v;
      any = true;
    }
    return any;
  }
}
