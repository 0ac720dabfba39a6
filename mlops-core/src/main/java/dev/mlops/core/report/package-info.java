/**
 * A self-contained HTML report of a model run: its tests, evaluation curves, drift and gate decision.
 *
 * <p>Entry point: {@link dev.mlops.core.report.HtmlReport#builder()}. The report is one HTML file with
 * the charting library inlined, so it opens offline, can be attached to a ticket or archived as a CI
 * artifact.
 */
package dev.mlops.core.report;
