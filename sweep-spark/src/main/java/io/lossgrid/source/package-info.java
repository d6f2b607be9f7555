/**
 * Data sets Spark reads on the driver (Parquet, any {@code DataFrameReader} format, catalog tables), turned
 * into the plain arrays of sweep-core's {@link io.lossgrid.data.Table}: {@link io.lossgrid.source.SparkTables}
 * implements sweep-core's {@link io.lossgrid.data.SparkReader} seam. Reading is checked as CSV reading is:
 * a missing source, a column that is absent or not numeric, a null, NaN or infinite value (its row named) and
 * data beyond {@code limits.maxDataBytes} (counted before anything is collected) are one-line spec errors.
 */
package io.lossgrid.source;
