/**
 * Implementation of mlops-drift shared by its packages: NOT public API, may change in any release
 * without notice.
 */
package dev.mlops.drift.internal;
