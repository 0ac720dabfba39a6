/** mlops-java examples: see the README's module map. */
package dev.mlops.examples;
