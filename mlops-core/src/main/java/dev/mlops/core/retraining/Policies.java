package dev.mlops.core.retraining;

import dev.mlops.core.serving.PredictionResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** The built-in {@link RetrainPolicy} implementations that hold state or combine others. */
final class Policies {

  private Policies() {}

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /** A realised drop, significant against the reference (see {@link RetrainPolicy#realisedPerformance}). */
  static final class RealisedPerformance implements RetrainPolicy {
    private final PerformanceMeasure measure;
    private final int labels;
    private final double alpha;
    private final double minRelativeDrop;

    RealisedPerformance(PerformanceMeasure measure, int labels, double alpha, double minRelativeDrop) {
      this.measure = measure;
      this.labels = labels;
      this.alpha = alpha;
      this.minRelativeDrop = minRelativeDrop;
    }

    @Override
    public Optional<Firing> evaluate(PolicyState s) {
      if (s.championLabelCount() < labels || s.championLabelCount() % labels != 0 || s.predictions().size() < labels
          || s.reference() == null
          || !s.reference().metric().equals(measure.name()) || Double.isNaN(s.reference().value())) {
        return Optional.empty();
      }
      double reference = s.reference().value();
      double[] y = s.labels();
      int from = y.length - labels;
      double[] yy = Arrays.copyOfRange(y, from, y.length);
      List<PredictionResult> pp = s.predictions().subList(from, y.length);
      double value = measure.measure(yy, pp);
      double drop = measure.greaterIsBetter() ? reference - value : value - reference;
      if (!(drop > minRelativeDrop * Math.abs(reference)) || !(drop > 0)) {
        return Optional.empty();
      }
      // One-sided bootstrap test of "realised no worse than reference": resample the window's rows.
      SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(value) ^ labels);
      int notWorse = 0;
      double[] by = new double[labels];
      List<PredictionResult> bp = new ArrayList<>(labels);
      for (int b = 0; b < RetrainPolicy.BOOTSTRAP_RESAMPLES; b++) {
        bp.clear();
        for (int i = 0; i < labels; i++) {
          int k = random.nextInt(labels);
          by[i] = yy[k];
          bp.add(pp.get(k));
        }
        double v = measure.measure(by, bp);
        if (Double.isNaN(v) || !measure.worseBy(v, reference, 0.0)) {
          notWorse++;
        }
      }
      double p = (notWorse + 1.0) / (RetrainPolicy.BOOTSTRAP_RESAMPLES + 1.0);
      if (p >= alpha) {
        return Optional.empty();
      }
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("metric", measure.name());
      evidence.put("realised", num(value));
      evidence.put("reference", num(reference));
      evidence.put("reference_source", s.reference().source());
      evidence.put("labels", Integer.toString(labels));
      evidence.put("p_value", num(p));
      evidence.put("alpha", num(alpha));
      evidence.put("test", "one-sided bootstrap, " + RetrainPolicy.BOOTSTRAP_RESAMPLES + " resamples");
      return Optional.of(new Firing(Trigger.PERFORMANCE, String.format(Locale.ROOT,
          "realised %s %.6g over the last %d labels is significantly worse than the reference %.6g (%s): "
              + "drop %.4g (> %.0f%%), p = %.3g < %.3g", measure.name(), value, labels, reference, s.reference().source(),
          drop, 100 * minRelativeDrop, p, alpha), evidence));
    }

    @Override
    public int labelBlock() {
      return labels;
    }
  }

  /** anyOf / allOf. */
  static final class Combined implements RetrainPolicy {
    private final List<RetrainPolicy> policies;
    private final boolean all;

    Combined(List<RetrainPolicy> policies, boolean all) {
      this.policies = policies;
      this.all = all;
    }

    @Override
    public Optional<Firing> evaluate(PolicyState s) {
      List<Firing> fired = new ArrayList<>();
      for (RetrainPolicy p : policies) {
        Optional<Firing> f = p.evaluate(s);
        if (f.isPresent() && !all) {
          return f;
        }
        if (f.isEmpty() && all) {
          return Optional.empty();
        }
        f.ifPresent(fired::add);
      }
      if (fired.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> evidence = new LinkedHashMap<>();
      List<String> reasons = new ArrayList<>();
      for (int i = 0; i < fired.size(); i++) {
        Firing f = fired.get(i);
        reasons.add(f.trigger() + ": " + f.reason());
        int k = i;
        f.evidence().forEach((key, v) -> evidence.put(k + "." + key, v));
      }
      return Optional.of(new Firing(fired.get(0).trigger(), "all of: " + String.join("; ", reasons), evidence));
    }

    @Override
    public int labelBlock() {
      return policies.stream().mapToInt(RetrainPolicy::labelBlock).filter(b -> b > 0).min().orElse(0);
    }

    @Override
    public int labelsNeeded() {
      return policies.stream().mapToInt(RetrainPolicy::labelsNeeded).max().orElse(0);
    }
  }
}
