package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Examples Spark reads on the driver: Parquet files, anything a {@code DataFrameReader} reads, or a catalog
 * table ({@link SparkSource}). The named columns become the same in-memory {@link Table} a CSV file does;
 * {@link SparkReader} (implemented in sweep-spark) does the reading.
 *
 * @param name     the data set's name (default: the file's or table's name without extension)
 * @param source   what is read
 * @param features the numeric feature columns in order, or one array column holding each example's values
 * @param label    one label column (a value, or a class index for xent), or several (multi-output or one-hot)
 * @param shape    with one array feature column: each example's shape ({@code [C, H, W]}), else null
 */
public record SparkData(String name, SparkSource source, List<String> features, List<String> label, ImageShape shape)
        implements DataSpec {

    public SparkData {
        features = List.copyOf(features);
        label = List.copyOf(label);
        DataSpecs.checkColumns(features, label);
        if (shape != null && features.size() != 1) {
            throw new SpecException("shape", "must come with exactly one (array) feature column",
                    features.size() + " feature columns " + features, "name the array column alone in features");
        }
        if (name == null || name.isBlank()) {
            name = source.defaultName();
        }
    }

    @Override
    public java.util.Optional<ImageShape> imageShape() {
        return java.util.Optional.ofNullable(shape);
    }

    /** Spark reads this data set: {@link #load(Path)} alone cannot. */
    @Override
    public boolean readWithSpark() {
        return true;
    }

    /** Always refuses: a Spark-read data set loads through {@link #load(Path, SizeGuard, SparkReader)}. */
    @Override
    public Table load(Path baseDir, SizeGuard guard) {
        return SparkReader.NONE.read(this, baseDir, guard);
    }

    @Override
    public Table load(Path baseDir, SizeGuard guard, SparkReader reader) {
        return reader.read(this, baseDir, guard);
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put(source.key(), source.toValue());
        m.put("features", features);
        m.put("label", label.size() == 1 ? label.get(0) : label);
        if (shape != null) {
            m.put("shape", List.of(shape.channels(), shape.height(), shape.width()));
        }
        return m;
    }
}
