package io.lossgrid.job;

import io.lossgrid.data.DataSpec;
import io.lossgrid.data.Table;
import io.lossgrid.data.TrainingData;
import io.lossgrid.base.SpecException;
import io.lossgrid.spec.SweepSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec's data sets, loaded on the driver and prepared for each of its losses: the one place data is
 * read, so a missing or malformed file is a spec error before anything is written.
 *
 * @param byKey  prepared data by {@link TrainingData#key()}, broadcast to executors
 * @param tables what was loaded, described for {@code sweep.json} (name, size, fingerprint)
 */
public record PreparedData(Map<String, TrainingData> byKey, List<Map<String, Object>> tables) {

    public static PreparedData load(SweepSpec spec) {
        Map<String, TrainingData> byKey = new LinkedHashMap<>();
        List<Map<String, Object>> described = new ArrayList<>();
        List<DataSpec> data = spec.data();
        for (int i = 0; i < data.size(); i++) {
            String where = data.size() == 1 ? "" : "[" + i + "]";
            Table table;
            try {
                table = data.get(i).load(spec.baseDir(), spec.limits()::checkDataSize);
                for (TrainingData td : spec.prepare(table)) {
                    byKey.put(td.key(), td);
                }
            } catch (SpecException e) {
                throw where.isEmpty() ? e : reroot(e, where);
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", table.name());
            d.put("rows", table.rows());
            d.put("features", table.features());
            d.put("labels", table.labels());
            d.put("sha256", table.fingerprint());
            described.add(d);
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
