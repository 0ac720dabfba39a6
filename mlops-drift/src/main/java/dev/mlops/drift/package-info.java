/** mlops-java drift: see the README's module map. */
package dev.mlops.drift;
