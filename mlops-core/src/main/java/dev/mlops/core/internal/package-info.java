/**
 * Implementation shared by the packages of mlops-core. <b>Not API</b>: may change in any release;
 * no other module may use it.
 */
package dev.mlops.core.internal;
