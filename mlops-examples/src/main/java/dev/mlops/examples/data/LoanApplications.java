package dev.mlops.examples.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded generator of realistic consumer-loan applications with a default label, for the demo.
 *
 * <p>The project ships no third-party data, so the default demo draws its data from this documented
 * process. One simulated year of applications, {@link #rowsPerMonth()} per month, each with:
 *
 * <table>
 *   <caption>Generating process (all draws from one {@link SplittableRandom} seeded by the caller)</caption>
 *   <tr><th>column</th><th>kind</th><th>distribution</th></tr>
 *   <tr><td>{@code age}</td><td>numeric</td><td>integer uniform on [21, 69]</td></tr>
 *   <tr><td>{@code annual_income}</td><td>numeric</td><td>log-normal, median 52,000, sigma 0.5, rounded to 100</td></tr>
 *   <tr><td>{@code credit_score}</td><td>numeric</td><td>normal(690, 55) clipped to [350, 850], rounded</td></tr>
 *   <tr><td>{@code employment_years}</td><td>numeric</td><td>exponential, mean 6, capped at age - 18, one decimal</td></tr>
 *   <tr><td>{@code loan_amount}</td><td>numeric</td><td>log-normal, median 14,000, sigma 0.6, rounded to 100</td></tr>
 *   <tr><td>{@code term}</td><td>categorical</td><td>{@code 36m} (65%), {@code 60m} (35%)</td></tr>
 *   <tr><td>{@code interest_rate}</td><td>numeric</td><td>base rate + 0.025 per credit point below 760 + normal(0, 0.6),
 *       in percent, clipped to [2, 30]; the base rate is 5.0 before the rate rise and 8.0 from it</td></tr>
 *   <tr><td>{@code channel}</td><td>categorical</td><td>{@code branch} 30%, {@code web} 50%, {@code broker} 20%; from
 *       the partner launch, {@code partner_app} takes 30% and the others shrink in proportion</td></tr>
 *   <tr><td>{@code age_group}</td><td>sensitive attribute, not a feature</td><td>{@code under 30}, {@code 30-49} or
 *       {@code 50+}, from {@code age}</td></tr>
 *   <tr><td>{@code defaulted}</td><td>label</td><td>Bernoulli(sigmoid(z)), see below</td></tr>
 * </table>
 *
 * <p>The default risk is a logistic function of the monthly payment's share of monthly income
 * ({@code pti}, from the annuity formula on amount, rate and term) and the applicant's record:
 * {@code z = -2.3 + 9 (pti - 0.10) - 0.012 (credit_score - 690) - 0.04 (employment_years - 5)
 * + 0.10 (interest_rate - 6) + 0.25 [term = 60m] + channel effect}, with channel effects
 * branch -0.2, web 0, broker 0.3 and partner_app +2.0 (partner applicants default far more often
 * than their other features suggest). About one application in six defaults before the changes and more than one in four after them.
 *
 * <p>The drift a person can follow: from {@link #rateRiseMonth()} (month 8 in the demo) the central bank
 * raises rates, so {@code interest_rate} shifts up by three points (a covariate shift that also
 * raises risk), and in the same month the lender launches a partner app, a new {@code channel}
 * category that the first model has never seen and whose applicants are riskier (a concept change
 * that only retraining on recent labelled data can learn).
 *
 * <p>The partner app is marketed to young people: its applicants are 21 to 29 years old (their
 * age is the uniform draw mapped onto [21, 29], employment capped at age - 18 again). Because
 * partner applicants default far more often, a model that learns the channel declines them more,
 * and with them the applicants under 30: a disparity by {@code age_group} that appears with the
 * new channel through a proxy, not through age itself (age has no effect on the risk beyond
 * employment).
 *
 * <p>Instances are immutable and thread-safe; the same seed always gives the same rows.
 */
public final class LoanApplications {

  /** The label column: 1 when the loan defaulted, 0 otherwise. */
  public static final String LABEL = "defaulted";
  /** The sensitive attribute column ({@code under 30}, {@code 30-49}, {@code 50+}); not a model feature. */
  public static final String AGE_GROUP = "age_group";
  /** The month column (1..12); not a model feature, used to split history from live traffic. */
  public static final String MONTH = "month";
  /** The numeric feature columns, in schema order. */
  public static final List<String> NUMERIC_FEATURES =
      List.of("age", "annual_income", "credit_score", "employment_years", "loan_amount", "interest_rate");
  /** The categorical feature columns, in schema order. */
  public static final List<String> CATEGORICAL_FEATURES = List.of("term", "channel");

  private final long seed;
  private final int rowsPerMonth;
  private final int rateRiseMonth;

  private LoanApplications(long seed, int rowsPerMonth, int rateRiseMonth) {
    this.seed = seed;
    this.rowsPerMonth = rowsPerMonth;
    this.rateRiseMonth = rateRiseMonth;
  }

  /**
   * Creates a generator.
   *
   * @param seed the random seed; the same seed gives the same rows
   * @param rowsPerMonth applications per simulated month
   * @param rateRiseMonth the month (1..13) from which rates rise and the partner app exists; 13 means never
   * @return the generator
   * @throws IllegalArgumentException if {@code rowsPerMonth < 1} or {@code rateRiseMonth} is outside [1, 13]
   */
  public static LoanApplications of(long seed, int rowsPerMonth, int rateRiseMonth) {
    if (rowsPerMonth < 1) {
      throw new IllegalArgumentException("rows per month must be at least 1: " + rowsPerMonth);
    }
    if (rateRiseMonth < 1 || rateRiseMonth > 13) {
      throw new IllegalArgumentException("rate rise month must be in [1, 13]: " + rateRiseMonth);
    }
    return new LoanApplications(seed, rowsPerMonth, rateRiseMonth);
  }

  /**
   * Returns the demo's default generator: seed 42, 600 applications per month, rates rise in month 8.
   *
   * @return the default generator
   */
  public static LoanApplications defaults() {
    return of(42, 600, 8);
  }

  /** @return applications per simulated month */
  public int rowsPerMonth() {
    return rowsPerMonth;
  }

  /** @return the month from which rates rise and the partner app exists (13 = never) */
  public int rateRiseMonth() {
    return rateRiseMonth;
  }

  /**
   * Generates the applications of one month. Each month has its own random stream derived from the
   * seed, so generating month 10 alone gives the same rows as generating the whole year.
   *
   * @param month the month, 1..12
   * @return the rows in arrival order; each maps column name to value (Number or String), including
   *     {@value #MONTH} and the label {@value #LABEL}
   * @throws IllegalArgumentException if {@code month} is outside [1, 12]
   */
  public List<Map<String, Object>> month(int month) {
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month must be in [1, 12]: " + month);
    }
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + month);
    boolean changed = month >= rateRiseMonth;
    List<Map<String, Object>> rows = new ArrayList<>(rowsPerMonth);
    for (int i = 0; i < rowsPerMonth; i++) {
      rows.add(application(random, month, changed));
    }
    return rows;
  }

  /**
   * Generates the applications of months {@code from..to} inclusive, in order.
   *
   * @param from the first month, 1..12
   * @param to the last month, from..12
   * @return the rows
   * @throws IllegalArgumentException if the range is empty or outside [1, 12]
   */
  public List<Map<String, Object>> months(int from, int to) {
    if (from < 1 || to > 12 || from > to) {
      throw new IllegalArgumentException("month range must lie in [1, 12] and not be empty: " + from + ".." + to);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int m = from; m <= to; m++) {
      rows.addAll(month(m));
    }
    return rows;
  }

  private static Map<String, Object> application(SplittableRandom random, int month, boolean changed) {
    int drawnAge = 21 + random.nextInt(49);
    double income = round(52_000 * Math.exp(0.5 * gaussian(random)), 100);
    double credit = Math.rint(clip(690 + 55 * gaussian(random), 350, 850));
    double drawnEmployment = Math.rint(-6 * Math.log(1 - random.nextDouble()) * 10) / 10;
    double amount = Math.max(1_000, round(14_000 * Math.exp(0.6 * gaussian(random)), 100));
    String term = random.nextDouble() < 0.65 ? "36m" : "60m";
    double baseRate = changed ? 8.0 : 5.0;
    double rate = clip(baseRate + 0.025 * Math.max(0, 760 - credit) + 0.6 * gaussian(random), 2, 30);
    rate = Math.rint(rate * 100) / 100;
    String channel = channel(random, changed);
    // the partner app's applicants are young: the same draw mapped onto [21, 29] (no extra random draw,
    // so every other row is the same as before the app existed)
    int age = channel.equals("partner_app") ? 21 + (drawnAge - 21) * 9 / 49 : drawnAge;
    double employment = Math.min(age - 18, drawnEmployment);

    int months = term.equals("36m") ? 36 : 60;
    double monthlyRate = rate / 100 / 12;
    double payment = amount * monthlyRate / (1 - Math.pow(1 + monthlyRate, -months));
    double pti = payment / (income / 12);
    double z = -2.3 + 9 * (pti - 0.10) - 0.012 * (credit - 690) - 0.04 * (employment - 5)
        + 0.10 * (rate - 6) + (months == 60 ? 0.25 : 0) + channelEffect(channel);
    int defaulted = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;

    Map<String, Object> row = new LinkedHashMap<>();
    row.put(MONTH, month);
    row.put("age", age);
    row.put("annual_income", income);
    row.put("credit_score", credit);
    row.put("employment_years", employment);
    row.put("loan_amount", amount);
    row.put("interest_rate", rate);
    row.put("term", term);
    row.put("channel", channel);
    row.put(AGE_GROUP, age < 30 ? "under 30" : age < 50 ? "30-49" : "50+");
    row.put(LABEL, defaulted);
    return row;
  }

  private static String channel(SplittableRandom random, boolean changed) {
    double u = random.nextDouble();
    if (changed) {
      if (u < 0.30) {
        return "partner_app";
      }
      u = (u - 0.30) / 0.70;
    }
    return u < 0.30 ? "branch" : u < 0.80 ? "web" : "broker";
  }

  private static double channelEffect(String channel) {
    return switch (channel) {
      case "branch" -> -0.2;
      case "broker" -> 0.3;
      case "partner_app" -> 2.0;
      default -> 0.0;
    };
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double clip(double value, double lo, double hi) {
    return Math.max(lo, Math.min(hi, value));
  }

  private static double round(double value, double step) {
    return Math.rint(value / step) * step;
  }

  @Override
  public String toString() {
    return "LoanApplications[seed=" + seed + ", rowsPerMonth=" + rowsPerMonth + ", rateRiseMonth=" + rateRiseMonth + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoanApplications other
        && seed == other.seed && rowsPerMonth == other.rowsPerMonth && rateRiseMonth == other.rateRiseMonth;
  }

  @Override
  public int hashCode() {
    return Objects.hash(seed, rowsPerMonth, rateRiseMonth);
  }
}
