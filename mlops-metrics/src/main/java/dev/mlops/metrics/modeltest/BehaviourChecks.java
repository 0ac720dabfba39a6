package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import dev.mlops.metrics.modeltest.ExpectationResult.Threshold;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * Runs behavioural checks (invariance, direction, cases) over rows and turns the per-row verdicts
 * into an outcome with the pass rate, the first failing rows and the worst rows (package-private).
 */
final class BehaviourChecks {

  private BehaviourChecks() {}

  /** A model output on one row, or why there is none. */
  interface Predictor<T, O> {
    /** Predicts a row; throws {@link RowFailure} (or any runtime exception) when it cannot. */
    O predict(T row);
  }

  /** The verdict on one row; the detail is only formatted for the rows that are reported. */
  record Verdict(boolean passed, double severity, double before, double after, Supplier<String> detail) {

    /** A verdict whose detail is already known. */
    static Verdict failed(String detail) {
      return new Verdict(false, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, () -> detail);
    }
  }

  /** Judges one row from its output before and after the perturbation. */
  interface Judge<O> {
    Verdict judge(O before, O after);
  }

  /** An invalid model output on a row (e.g. probabilities that do not sum to 1). */
  static final class RowFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RowFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** A row that could not be judged: the model or the perturbation threw. */
  static String describe(RuntimeException e) {
    return e instanceof RowFailure ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Perturbation checks (invariance and direction) on every predicted row. */
  static <T, O> ExpectationResult perturbation(Spec.BehaviourSpec<T> spec, List<? extends T> rows, int[] predicted,
      List<O> outputs, Predictor<T, O> model, Judge<O> judge, int reportedRows) {
    Tally tally = new Tally(reportedRows);
    for (int i : predicted) {
      T row = rows.get(i);
      T perturbed;
      try {
        perturbed = spec.perturbation.apply(row);
      } catch (RuntimeException e) {
        int index = i;
        tally.add(() -> new RowFinding(index, Format.row(row), Double.NaN, Double.NaN,
            "perturbation failed: " + describe(e)), false, Double.POSITIVE_INFINITY);
        continue;
      }
      O after;
      try {
        after = model.predict(perturbed);
      } catch (RuntimeException e) {
        int index = i;
        tally.add(() -> new RowFinding(index, Format.row(row), Double.NaN, Double.NaN,
            "model failed on the perturbed row: " + describe(e)), false, Double.POSITIVE_INFINITY);
        continue;
      }
      Verdict verdict = judge.judge(outputs.get(i), after);
      int index = i;
      tally.add(() -> new RowFinding(index, Format.row(row), verdict.before(), verdict.after(), verdict.detail().get()),
          verdict.passed(), verdict.severity());
    }
    return tally.result(spec);
  }

  /** Minimum-functionality cases: each case judged on its own, indexed by its position. */
  static <T, C> ExpectationResult cases(Spec.BehaviourSpec<T> spec, List<C> cases,
      java.util.function.Function<C, T> rowOf, java.util.function.Function<C, String> descriptionOf,
      CaseJudge<T, C> judge, int reportedRows) {
    Tally tally = new Tally(reportedRows);
    for (int i = 0; i < cases.size(); i++) {
      C c = cases.get(i);
      String text = descriptionOf.apply(c) + ": " + Format.row(rowOf.apply(c));
      Verdict verdict;
      try {
        verdict = judge.judge(c);
      } catch (RowFailure e) {
        verdict = Verdict.failed("model failed: " + describe(e));
      } catch (RuntimeException e) {
        if (e instanceof IllegalArgumentException && e.getMessage() != null
            && e.getMessage().startsWith("expectation '")) {
          throw e;
        }
        verdict = Verdict.failed("model failed: " + describe(e));
      }
      int index = i;
      Verdict judged = verdict;
      tally.add(() -> new RowFinding(index, text, judged.before(), judged.after(), judged.detail().get()),
          judged.passed(),
          judged.severity());
    }
    return tally.result(spec);
  }

  /** Judges one case. */
  interface CaseJudge<T, C> {
    Verdict judge(C c);
  }

  /** Counts verdicts and keeps the first failing rows and the worst rows (bounded memory). */
  private static final class Tally {
    private final int reportedRows;
    private long total;
    private long failed;
    private final List<RowFinding> failing = new ArrayList<>();
    private RowFinding firstFailing;
    private long sequence;
    // Min-heap on (severity, then later rows first) holding the worst rows seen so far.
    private final PriorityQueue<Ranked> worst = new PriorityQueue<>(
        Comparator.comparingDouble(Ranked::severity)
            .thenComparing(Comparator.comparingLong(Ranked::sequence).reversed()));

    private record Ranked(double severity, long sequence, Supplier<RowFinding> finding) {}

    Tally(int reportedRows) {
      this.reportedRows = reportedRows;
    }

    void add(Supplier<RowFinding> finding, boolean passed, double severity) {
      total++;
      Supplier<RowFinding> once = memoize(finding);
      if (!passed) {
        failed++;
        if (firstFailing == null) {
          firstFailing = once.get();
        }
        if (failing.size() < reportedRows) {
          failing.add(once.get());
        }
      }
      if (reportedRows > 0) {
        worst.add(new Ranked(Double.isNaN(severity) ? Double.NEGATIVE_INFINITY : severity, sequence++, once));
        if (worst.size() > reportedRows) {
          worst.poll();
        }
      }
    }

    private static Supplier<RowFinding> memoize(Supplier<RowFinding> supplier) {
      RowFinding[] cache = new RowFinding[1];
      return () -> {
        if (cache[0] == null) {
          cache[0] = supplier.get();
        }
        return cache[0];
      };
    }

    ExpectationResult result(Spec.BehaviourSpec<?> spec) {
      List<Ranked> ranked = new ArrayList<>(worst);
      // Worst first; ties keep row order, so the same run gives the same worst rows.
      ranked.sort(Comparator.comparingDouble(Ranked::severity).reversed().thenComparingLong(Ranked::sequence));
      List<RowFinding> worstRows = ranked.stream().map(r -> r.finding().get()).toList();
      Threshold threshold = Threshold.atLeast(spec.minPassRate);
      Status status;
      String reason;
      double rate = total == 0 ? Double.NaN : (double) (total - failed) / total;
      if (total == 0) {
        status = spec.failIfUndefined ? Status.FAILED : Status.UNDEFINED;
        reason = "no row to check";
      } else if (rate >= spec.minPassRate) {
        status = Status.PASSED;
        reason = (total - failed) + " of " + total + " rows pass (pass rate " + Format.number(rate) + " " + threshold
            + ")";
      } else {
        status = spec.warning ? Status.WARNED : Status.FAILED;
        reason = failed + " of " + total + " rows fail (pass rate " + Format.number(rate) + " is not " + threshold
            + "); first: row " + firstFailing.index() + ": " + firstFailing.detail();
      }
      return new ExpectationResult(spec.name(), spec.kind, status, null, rate, null, threshold, total, reason,
          spec.warning, List.of(), null, failed, failing, worstRows);
    }
  }
}
