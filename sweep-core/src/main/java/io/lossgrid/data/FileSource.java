package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Files a Spark {@code DataFrameReader} reads: {@code parquet: path} (written {@code parquet}) or
 * {@code spark: {format, path, options}} (any format: csv, json, parquet, orc, ...).
 *
 * @param parquetShorthand true when the spec wrote {@code parquet: path}
 * @param format           the reader's format, such as {@code csv}
 * @param path             a file or directory as the spec wrote it: relative to the spec's directory unless
 *                         absolute or a URI ({@code s3a://...}, {@code hdfs://...})
 * @param options          the reader's options ({@code header: "true"}), keys sorted
 */
public record FileSource(boolean parquetShorthand, String format, String path, Map<String, String> options)
        implements SparkSource {
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    public FileSource {
        if (format == null || format.isBlank()) {
            throw SpecException.of("format", "must name a DataFrameReader format (csv, json, parquet, orc, ...)", format);
        }
        if (path == null || path.isBlank()) {
            throw SpecException.of("path", "must name a file or directory", path);
        }
        if (parquetShorthand && !format.equals("parquet")) {
            throw new IllegalArgumentException("the parquet shorthand reads parquet, not " + format);
        }
        options = SparkSource.sorted(options == null ? Map.of() : options);
    }

    /** {@code parquet: path}. */
    public static FileSource parquet(String path) {
        return new FileSource(true, "parquet", path, Map.of());
    }

    @Override
    public String key() {
        return parquetShorthand ? "parquet" : "spark";
    }

    @Override
    public String defaultName() {
        return SparkSource.baseName(path);
    }

    @Override
    public String describe() {
        return format + " data " + SpecException.render(path);
    }

    /** The path as Spark reads it: a URI or absolute path as written, a relative path against {@code baseDir}. */
    public String resolve(Path baseDir) {
        if (URI_SCHEME.matcher(path).matches()) {
            return path;
        }
        Path p = Path.of(path);
        return (p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p)).normalize().toAbsolutePath().toString();
    }

    @Override
    public Object toValue() {
        if (parquetShorthand) {
            return path;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("path", path);
        if (!options.isEmpty()) {
            m.put("options", options);
        }
        return m;
    }

    @Override
    public <R> R accept(Visitor<R> visitor, Path baseDir) {
        return visitor.files(this, resolve(baseDir));
    }
}
