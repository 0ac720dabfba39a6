/** Feature transforms fitted on the training split only and persisted (as JSON) with the model, so serving applies exactly what training applied. */
package dev.mlops.core.transform;
