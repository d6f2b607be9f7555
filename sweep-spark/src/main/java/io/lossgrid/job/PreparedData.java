package io.lossgrid.job;

import io.lossgrid.data.DataSpec;
import io.lossgrid.data.ImageFolderData;
import io.lossgrid.data.ImageShape;
import io.lossgrid.data.SparkData;
import io.lossgrid.data.SparkReader;
import io.lossgrid.data.Table;
import io.lossgrid.data.TrainingData;
import io.lossgrid.base.SpecException;
import io.lossgrid.source.SparkTables;
import io.lossgrid.spec.SweepSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A spec's data sets, loaded on the driver and prepared for each of its losses: the one place data is
 * read, so a missing or malformed file or table is a spec error before anything is written. Sources Spark
 * reads (Parquet, {@code spark: {format, ...}}, catalog tables) need the session ({@link #load(SweepSpec,
 * SparkSession)}); the others load without one ({@link #load(SweepSpec)}), so the CLI refuses bad files before
 * Spark starts. Every source asks {@code limits.maxDataBytes} before it allocates its arrays (a CSV file as it
 * reads, an image folder from its file count, a Spark source from its row count).
 *
 * @param byKey  prepared data by {@link TrainingData#key()}, broadcast to executors
 * @param tables what was loaded, described for {@code sweep.json}: name, rows, the image shape ({@code shape:
 *               [C, H, W]}) of an image folder or a Spark array column, features, labels, the class names where
 *               the data has them ({@code classes}, class i the i-th), sha256
 */
public record PreparedData(Map<String, TrainingData> byKey, List<Map<String, Object>> tables) {

    /** True when a data set of {@code spec} is read with Spark, so loading it needs the session. */
    public static boolean needsSpark(SweepSpec spec) {
        return spec.data().stream().anyMatch(DataSpec::readWithSpark);
    }

    /**
     * Loads a spec whose data sets need no Spark session ({@link #needsSpark} false).
     *
     * @throws IllegalStateException when a data set is read with Spark
     */
    public static PreparedData load(SweepSpec spec) {
        return load(spec, SparkReader.NONE);
    }

    /** Loads every data set of {@code spec}, the Spark-read ones with {@code spark} on the driver. */
    public static PreparedData load(SweepSpec spec, SparkSession spark) {
        return load(spec, new SparkTables(spark));
    }

    static PreparedData load(SweepSpec spec, SparkReader reader) {
        Map<String, TrainingData> byKey = new LinkedHashMap<>();
        List<Map<String, Object>> described = new ArrayList<>();
        List<DataSpec> data = spec.data();
        for (int i = 0; i < data.size(); i++) {
            String where = data.size() == 1 ? "" : "[" + i + "]";
            DataSpec d = data.get(i);
            Table table;
            List<String> classes;
            try {
                classes = d.classNames(spec.baseDir());
                table = d.load(spec.baseDir(), spec.limits()::checkDataSize, reader);
                for (TrainingData td : spec.prepare(table)) {
                    byKey.put(td.key(), td);
                }
            } catch (SpecException e) {
                throw where.isEmpty() ? e : reroot(e, where);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", table.name());
            m.put("rows", table.rows());
            ImageShape image = table.image();
            if (image != null && (d instanceof ImageFolderData || d instanceof SparkData)) {
                // Only for these sources: a generator's entry stays as directories written before record it.
                m.put("shape", List.of(image.channels(), image.height(), image.width()));
            }
            m.put("features", table.features());
            m.put("labels", table.labels());
            if (!classes.isEmpty()) {
                m.put("classes", classes);
            }
            m.put("sha256", table.fingerprint());
            described.add(m);
        }
        return new PreparedData(Map.copyOf(byKey), described);
    }

    private static SpecException reroot(SpecException e, String index) {
        String path = e.path().startsWith("data") ? "data" + index + e.path().substring(4) : e.path();
        return e.at(path);
    }

    public Iterable<TrainingData> all() {
        return byKey.values();
    }
}
