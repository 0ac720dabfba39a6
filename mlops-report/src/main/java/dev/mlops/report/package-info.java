/**
 * Reports people want to open: a typed model of a model's life and one self-contained HTML file.
 *
 * <p>{@link dev.mlops.report.RunReport} collects what happened — ModelTest reports, evaluations,
 * the monitor's window reports ({@link dev.mlops.report.MonitoringWindow}), gate decisions with the
 * champion and the candidate side by side ({@link dev.mlops.report.GateRecord}), loop events
 * ({@link dev.mlops.report.RunEvent}) and provenance — and {@link dev.mlops.report.HtmlReport}
 * renders it from classpath templates into one offline HTML file (the chart library is inlined; the
 * page makes no network request). Sections of your own plug in through
 * {@link dev.mlops.report.ReportSection}.
 *
 * <p>This module depends only on mlops-metrics and mlops-drift: a service that uses those two
 * (the Smile-free path) gets the same report as one that uses mlops-core.
 */
package dev.mlops.report;
