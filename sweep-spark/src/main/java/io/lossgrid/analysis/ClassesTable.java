package io.lossgrid.analysis;

import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.SweepManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code classes} analysis table: one row per class of each data set whose classes {@code sweep.json}
 * records, so that readers can join a class index to its name. Read from the manifest's data entries: the
 * {@code classes} names (an image folder's subfolders, class i the i-th) and, for a data set with a validation
 * set under a classifier loss, the examples per class of the training part and of the validation set.
 *
 * <p>Columns: {@code data}, {@code class_index} (from 0), {@code class_name} (null where the data names no
 * classes), {@code train_count} and {@code val_count} (examples of the class trained on and held out; null
 * without a validation set). Empty for data sets without recorded classes. Ordered by data entry, then class.
 */
final class ClassesTable {
    /** The table's name under {@code DIR/analysis} and as a view. */
    static final String NAME = "classes";

    static final StructType SCHEMA = new StructType()
            .add("data", "string", false).add("class_index", "int", false).add("class_name", "string", true)
            .add("train_count", "long", true).add("val_count", "long", true);

    private ClassesTable() {
    }

    /** The table, from {@code store}'s {@code sweep.json}. */
    static Dataset<Row> of(SparkSession spark, ResultDirectory store) {
        List<Row> rows = store.manifest().map(ClassesTable::rows).orElse(List.of());
        return spark.createDataFrame(rows, SCHEMA);
    }

    static List<Row> rows(SweepManifest manifest) {
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> d : manifest.data()) {
            List<?> names = d.get("classes") instanceof List<?> l ? l : List.of();
            Map<?, ?> validation = d.get("validation") instanceof Map<?, ?> m ? m : Map.of();
            List<?> train = validation.get("trainCounts") instanceof List<?> l ? l : List.of();
            List<?> val = validation.get("counts") instanceof List<?> l ? l : List.of();
            int classes = Math.max(names.size(), Math.max(train.size(), val.size()));
            for (int i = 0; i < classes; i++) {
                rows.add(RowFactory.create(String.valueOf(d.get("name")), i,
                        i < names.size() ? String.valueOf(names.get(i)) : null, count(train, i), count(val, i)));
            }
        }
        return rows;
    }

    private static Long count(List<?> counts, int i) {
        return i < counts.size() && counts.get(i) instanceof Number n ? n.longValue() : null;
    }
}
