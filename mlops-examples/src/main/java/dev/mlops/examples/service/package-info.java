/**
 * A small HTTP prediction service on the JDK's {@code com.sun.net.httpserver}, wiring a
 * {@link dev.mlops.core.serving.ModelEndpoint} and a {@link dev.mlops.drift.monitor.DriftMonitor}
 * the way a user would in their own service. Entry points: {@link dev.mlops.examples.service.PredictionService}
 * (embeddable) and {@link dev.mlops.examples.service.ServiceMain} (runnable).
 */
package dev.mlops.examples.service;
