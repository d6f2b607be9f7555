/**
 * Where examples come from: CSV files and seeded synthetic generators ({@code linear}, {@code blobs}) load
 * into a {@link io.lossgrid.data.Table}, which {@link io.lossgrid.data.Table#prepare} turns into the
 * {@link io.lossgrid.data.TrainingData} a loss trains on, its labels as the loss wants them. Loading and
 * preparing ask a {@link io.lossgrid.data.SizeGuard} (the spec's {@code limits.maxDataBytes}) before
 * allocating their arrays.
 */
package io.lossgrid.data;
