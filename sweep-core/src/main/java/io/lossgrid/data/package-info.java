/**
 * Where examples come from: CSV files, image folders (one subfolder per class) and seeded synthetic generators
 * ({@code linear}, {@code blobs}, and {@code shapes}) load here into a {@link io.lossgrid.data.Table}; Spark-read
 * sources ({@link io.lossgrid.data.SparkData}: Parquet, any {@code DataFrameReader} format, catalog tables) are
 * described here and read by sweep-spark through the {@link io.lossgrid.data.SparkReader} seam into the same
 * {@code Table}. Image data carry an {@link io.lossgrid.data.ImageShape}. {@link io.lossgrid.data.Table#prepare}
 * turns a table into the {@link io.lossgrid.data.TrainingData} a loss trains on, its labels as the loss wants them.
 * Loading and preparing ask a {@link io.lossgrid.data.SizeGuard} (the spec's {@code limits.maxDataBytes}) before
 * allocating their arrays.
 */
package io.lossgrid.data;
