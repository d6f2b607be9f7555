package io.lossgrid.data;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a Spark-read data set comes from: files any {@code DataFrameReader} format reads
 * ({@link FileSource}: {@code parquet: path} or {@code spark: {format, path, options}}), or a table in
 * Spark's catalog ({@link CatalogSource}). sweep-core only describes the read; sweep-spark performs it
 * through {@link Visitor}, which the compiler holds to every variant.
 */
public sealed interface SparkSource extends Serializable permits FileSource, CatalogSource {

    /** The key of the {@code data} map that names this source ({@code parquet}, {@code spark}, {@code table}). */
    String key();

    /** The data set's name when the spec gives none: the file's or table's name without extension. */
    String defaultName();

    /** What is read, for errors: {@code parquet file "d.parquet"}, {@code table "iris"}. */
    String describe();

    /** The resolved settings under {@link #key()}, for {@code sweep.json} and trial ids. */
    Object toValue();

    /** Calls the visitor's method for this variant. */
    <R> R accept(Visitor<R> visitor, Path baseDir);

    /** A reader of every variant. */
    interface Visitor<R> {
        /** Files read with {@code spark.read().format(format).options(options).load(path)}; the path is resolved. */
        R files(FileSource source, String resolvedPath);

        /** A table (or view) of Spark's catalog. */
        R catalog(CatalogSource source);
    }

    /** The file name without directories and extension. */
    static String baseName(String path) {
        String p = path.replaceAll("[/\\\\]+$", "");
        String base = p.substring(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
        return base.contains(".") && base.lastIndexOf('.') > 0 ? base.substring(0, base.lastIndexOf('.')) : base;
    }

    /** Options written as the spec gave them, keys sorted so that ids and {@code sweep.json} do not depend on order. */
    static Map<String, String> sorted(Map<String, String> options) {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
    }
}
