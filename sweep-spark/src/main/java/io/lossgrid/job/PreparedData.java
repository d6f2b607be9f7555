package io.lossgrid.job;

import io.lossgrid.data.DataSpec;
import io.lossgrid.data.Holdout;
import io.lossgrid.data.Validated;
import io.lossgrid.loss.Loss;
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
 *               the data has them ({@code classes}, class i the i-th), sha256, and for a data set with a
 *               validation set its {@code validation}: rows, sha256 and, for classifiers, the examples per class of
 *               the training part ({@code trainCounts}) and of the validation set ({@code counts})
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
            Holdout holdout = null;
            try {
                classes = d.classNames(spec.baseDir());
                table = d.load(spec.baseDir(), spec.limits()::checkDataSize, reader);
                if (d instanceof Validated validated) {
                    boolean stratify = spec.losses().stream().anyMatch(Loss::classifier);
                    holdout = Holdout.of(validated, table, stratify, classes, spec.baseDir(),
                            spec.limits()::checkDataSize, reader);
                    table = holdout.training();
                }
                List<TrainingData> prepared = spec.prepare(table);
                List<TrainingData> validation = holdout == null ? null : prepareValidation(spec, holdout.validation());
                for (int k = 0; k < prepared.size(); k++) {
                    TrainingData td = holdout == null ? prepared.get(k) : holdout.attach(prepared.get(k), validation.get(k));
                    byKey.put(td.key(), td);
                }
            } catch (SpecException e) {
                throw where.isEmpty() ? e : reroot(e, where);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", table.name());
            m.put("rows", table.rows());
            ImageShape image = table.image();
            DataSpec form = d instanceof Validated v ? v.data() : d;
            if (image != null && (form instanceof ImageFolderData || form instanceof SparkData)) {
                // Only for these sources: a generator's entry stays as directories written before record it.
                m.put("shape", List.of(image.channels(), image.height(), image.width()));
            }
            m.put("features", table.features());
            m.put("labels", table.labels());
            if (!classes.isEmpty()) {
                m.put("classes", classes);
            }
            m.put("sha256", table.fingerprint());
            if (holdout != null) {
                boolean classifier = spec.losses().stream().anyMatch(Loss::classifier);
                m.put("validation", describe(holdout, classifier));
            }
            described.add(m);
        }
        return new PreparedData(Map.copyOf(byKey), described);
    }

    /** The validation part prepared for each loss; its label errors point at {@code data.validation}. */
    private static List<TrainingData> prepareValidation(SweepSpec spec, Table validation) {
        try {
            return spec.prepare(validation);
        } catch (SpecException e) {
            String path = e.path();
            throw e.at(path.startsWith("data.") && !path.startsWith("data.validation") ? "data.validation."
                    + path.substring(5) : path);
        }
    }

    /**
     * The validation set for {@code sweep.json}: rows, sha256, and for classifiers the examples per class of the
     * training part ({@code trainCounts}) and of the validation set ({@code counts}), class i the i-th.
     */
    private static Map<String, Object> describe(Holdout holdout, boolean classifier) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", holdout.validation().rows());
        m.put("sha256", holdout.validation().fingerprint());
        List<Long> train = classifier ? counts(holdout.training()) : null;
        List<Long> val = classifier ? counts(holdout.validation()) : null;
        if (train != null && val != null) {
            m.put("trainCounts", train);
            m.put("counts", val);
        }
        return m;
    }

    /** Examples per class index (a label column of class indices, or the largest of several columns). */
    static List<Long> counts(Table t) {
        int m = t.labels().size();
        java.util.TreeMap<Integer, Long> byClass = new java.util.TreeMap<>();
        for (int i = 0; i < t.rows(); i++) {
            int c = 0;
            if (m == 1) {
                float v = t.y()[i];
                if (!(v >= 0 && v == Math.rint(v) && v < 100_000)) {
                    return null;
                }
                c = (int) v;
            } else {
                for (int j = 1; j < m; j++) {
                    c = t.y()[i * m + j] > t.y()[i * m + c] ? j : c;
                }
            }
            byClass.merge(c, 1L, Long::sum);
        }
        int classes = byClass.isEmpty() ? 0 : Math.max(byClass.lastKey() + 1, m == 1 ? 0 : m);
        List<Long> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            out.add(byClass.getOrDefault(c, 0L));
        }
        return out;
    }

    private static SpecException reroot(SpecException e, String index) {
        String path = e.path().startsWith("data") ? "data" + index + e.path().substring(4) : e.path();
        return e.at(path);
    }

    public Iterable<TrainingData> all() {
        return byKey.values();
    }
}
