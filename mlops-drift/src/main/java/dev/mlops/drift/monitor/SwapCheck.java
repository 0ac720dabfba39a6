package dev.mlops.drift.monitor;

import dev.mlops.drift.stat.DriftStatistic;
import dev.mlops.drift.stat.Wasserstein;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two numeric fields exchanged upstream (a column order changed, two names mapped the wrong way
 * round): each field's window then matches the other field's reference, not its own. Reported as
 * one data-quality finding naming both fields, besides the drift verdicts of each. A pair is a
 * likely swap when at least one of the two drifts against its own reference and each window
 * passes the other field's checks: its normed Wasserstein distance to the other's reference is
 * below the other's drift threshold and, where the other has a calibrated scale band, the log
 * ratio of its standard deviation to the other's reference lies inside that band. A clean window
 * (nothing drifts) is never a swap; fields whose references look alike cannot be told apart.
 * Stateless and thread-safe.
 */
final class SwapCheck {

  private SwapCheck() {}

  /**
   * The swap findings of a window.
   *
   * @param features the window's feature verdicts, in schema order
   * @param specs the features' specs, in the same order
   * @param bands the calibrated scale bands by feature name (a feature without one: distance only)
   * @param cur the window
   * @return one finding per likely swapped pair (none usually)
   */
  static List<String> findings(List<FeatureDrift> features, FeatureSpec[] specs,
      Map<String, ScaleCheck.Band> bands, WindowState cur) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < specs.length; i++) {
      if (!candidate(specs[i], features.get(i))) {
        continue;
      }
      for (int j = i + 1; j < specs.length; j++) {
        if (!candidate(specs[j], features.get(j))
            || !(features.get(i).drifted() || features.get(j).drifted())) {
          continue;
        }
        String s = pair(specs[i], features.get(i), specs[j], features.get(j), bands, cur);
        if (s != null) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static boolean candidate(FeatureSpec f, FeatureDrift d) {
    return f.numeric && f.hasReference && f.referenceSorted.length > 0
        && d.test().equals(DriftStatistic.NORMED_WASSERSTEIN.key())
        && (d.status() == DriftStatus.OK || d.status() == DriftStatus.DRIFT)
        && Double.isFinite(d.statistic()) && Double.isFinite(d.threshold());
  }

  private static String pair(FeatureSpec a, FeatureDrift da, FeatureSpec b, FeatureDrift db,
      Map<String, ScaleCheck.Band> bands, WindowState cur) {
    double[] wa = cur.reservoirs[a.numericSlot].sortedInPlace();
    double[] wb = cur.reservoirs[b.numericSlot].sortedInPlace();
    if (wa.length < 2 || wb.length < 2) {
      return null;
    }
    // a's window against b's reference, and b's against a's
    double ab = Wasserstein.normedDistanceSorted(b.referenceSorted, wa, b.referenceStd)
        .statistic();
    double ba = Wasserstein.normedDistanceSorted(a.referenceSorted, wb, a.referenceStd)
        .statistic();
    if (!(ab < db.threshold() && ba < da.threshold())
        || !inBand(bands.get(b.name), wa, b) || !inBand(bands.get(a.name), wb, a)) {
      return null;
    }
    return String.format(Locale.ROOT,
        "%s and %s look swapped: each window passes the other's reference (%s's window at "
            + "normed Wasserstein %s from %s's reference, threshold %s; %s's at %s from %s's, "
            + "threshold %s%s) while against their own %s",
        a.name, b.name, a.name, DriftReport.fmt(ab), b.name, DriftReport.fmt(db.threshold()),
        b.name, DriftReport.fmt(ba), a.name, DriftReport.fmt(da.threshold()),
        bands.containsKey(a.name) && bands.containsKey(b.name)
            ? "; each standard deviation inside the other's scale band" : "",
        da.drifted() && db.drifted() ? "both drift" : (da.drifted() ? a.name : b.name)
            + " drifts");
  }

  /** Whether a window's standard deviation passes a reference's scale band (true without one). */
  private static boolean inBand(ScaleCheck.Band band, double[] window, FeatureSpec reference) {
    if (band == null) {
      return true;
    }
    double r = ScaleCheck.logRatio(ScaleCheck.sampleStd(window), reference.referenceStd);
    return Double.isFinite(r) && !band.result(r).drifted();
  }
}
