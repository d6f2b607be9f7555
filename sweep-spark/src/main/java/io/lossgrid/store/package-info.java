/**
 * Results on disk: the Parquet schema of the {@code trials} and {@code epochs} tables, declared once
 * ({@link io.lossgrid.store.Tables}), how batches are written and committed
 * ({@link io.lossgrid.store.ParquetOutput}, {@link io.lossgrid.store.ResultStore}), and the views that read
 * only committed batches.
 */
package io.lossgrid.store;
