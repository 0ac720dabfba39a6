/**
 * Drift statistics as pure, stateless functions: each compares a reference with a current sample
 * (or their counts over the same bins or categories) and returns a {@link
 * dev.mlops.drift.stat.TestResult} — statistic, p-value where there is one, the sample sizes used
 * and a status. Every function has the semantics of its SciPy namesake (SciPy 1.17), verified in
 * the tests against literal values computed with SciPy.
 *
 * <h2>Statistics</h2>
 *
 * <table>
 *   <caption>Entry points and their SciPy reference</caption>
 *   <tr><th>Entry point</th><th>SciPy</th><th>p-value</th></tr>
 *   <tr><td>{@link dev.mlops.drift.stat.KolmogorovSmirnov}</td><td>{@code ks_2samp}, two-sided,
 *       method='auto'</td><td>exact up to 10,000 per sample (floor ~1e-308), then {@code kstwo}
 *       (Durbin / Pelz-Good / Smirnov sum)</td></tr>
 *   <tr><td>{@link dev.mlops.drift.stat.CramerVonMises}</td><td>{@code cramervonmises_2samp}</td>
 *       <td>exact up to 20 per sample, then asymptotic (accurate to ~1e-7 absolute)</td></tr>
 *   <tr><td>{@link dev.mlops.drift.stat.AndersonDarling}</td><td>{@code anderson_ksamp}
 *       (midrank)</td><td>interpolated from Scholz-Stephens' table, capped 0.25, floored
 *       0.001</td></tr>
 *   <tr><td>{@link dev.mlops.drift.stat.MannWhitneyU}</td><td>{@code mannwhitneyu}, asymptotic,
 *       tie + continuity correction</td><td>normal tail via erfc (relative accuracy to
 *       ~1e-300)</td></tr>
 *   <tr><td>{@link dev.mlops.drift.stat.WelchTTest}</td><td>{@code ttest_ind(equal_var=False)}</td>
 *       <td>Student t tail via incomplete beta</td></tr>
 *   <tr><td>{@link dev.mlops.drift.stat.Wasserstein}</td><td>{@code wasserstein_distance}, and
 *       / max(std_ref, 0.001)</td><td>none (distance)</td></tr>
 *   <tr><td>{@link dev.mlops.drift.stat.EnergyDistance}</td><td>{@code energy_distance}</td>
 *       <td>none</td></tr>
 *   <tr><td>{@link dev.mlops.drift.stat.BinnedStatistics}</td><td>PSI, {@code entropy},
 *       {@code jensenshannon}, Hellinger, TV, L-inf, {@code chisquare}, {@code power_divergence},
 *       {@code chi2_contingency}</td><td>chi-square upper tail via the regularised incomplete
 *       gamma Q (relative accuracy to ~1e-300)</td></tr>
 *   <tr><td>{@link dev.mlops.drift.stat.ProportionTests}</td><td>pooled two-proportion z,
 *       {@code fisher_exact}</td><td>erfc; hypergeometric sums</td></tr>
 * </table>
 *
 * <h2>Sorted input</h2>
 *
 * Sorting dominates the cost of the sample statistics. Each has an entry point for raw samples
 * (copied, filtered, sorted; the input is never modified), one for a sorted reference and a raw
 * current sample ({@code testSortedReference}), and one for two sorted samples ({@code
 * testSorted}, no copy). "Sorted" means ascending as {@link java.util.Arrays#sort(double[])}
 * leaves it: non-finite values are allowed only at the ends and are ignored; anything else is an
 * {@link java.lang.IllegalArgumentException} naming the argument, index and value.
 *
 * <h2>Defined behaviour for bad or degenerate data</h2>
 *
 * <ul>
 *   <li>NaN and infinities are never fed into a statistic: they are dropped, and {@code n1}/{@code
 *       n2} count the finite values used.
 *   <li>An empty sample (or one with no finite value), or a count vector summing to 0: status
 *       {@link dev.mlops.drift.stat.TestResult#INSUFFICIENT_DATA}, statistic and p-value NaN.
 *       Statistics with a minimum size (Cramér-von Mises: 2 per sample; Welch: 2 per sample;
 *       Anderson-Darling: 4 in total) report the same below it.
 *   <li>Constant samples: KS, Mann-Whitney and the distances follow SciPy (e.g. KS of two equal
 *       constants: D = 0, p = 1; Mann-Whitney with all values tied: p = 1; Welch with both variances
 *       0: infinite t and p = 0 when the means differ, {@link
 *       dev.mlops.drift.stat.TestResult#UNDEFINED} when they are equal); the normed Wasserstein
 *       distance divides by the 0.001 floor; Anderson-Darling with a single distinct value is
 *       {@code UNDEFINED} (SciPy raises).
 *   <li>Bins empty on both sides are dropped from chi-square and G-tests (SciPy would return NaN);
 *       a bin empty in the reference but not in the current counts makes those statistics
 *       infinite with p = 0 (SciPy's value) — the distances (PSI, KL, JS...) stay finite.
 *   <li>Nothing throws from inside a computation: exceptions are only argument errors (null, arrays
 *       of different lengths, negative counts, unsorted "sorted" input), raised at the call.
 * </ul>
 *
 * <p>All classes are stateless and thread-safe.
 */
package dev.mlops.drift.stat;
