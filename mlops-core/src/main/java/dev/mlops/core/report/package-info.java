/**
 * The pipeline's and the retraining loop's results as parts of an mlops-report
 * {@link dev.mlops.report.RunReport}: {@link dev.mlops.core.report.RunReports}.
 */
package dev.mlops.core.report;
