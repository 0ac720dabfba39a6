/** mlops-java metrics: see the README's module map. */
package dev.mlops.metrics;
