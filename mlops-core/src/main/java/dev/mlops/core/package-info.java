/** mlops-java core: see the README's module map. */
package dev.mlops.core;
