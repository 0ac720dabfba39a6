/** Sources of rows for a pipeline: {@link dev.mlops.core.data.Table}, CSV (Commons CSV), Smile data frames, Java objects, and seeded sampling. */
package dev.mlops.core.data;
