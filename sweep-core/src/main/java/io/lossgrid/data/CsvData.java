package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Examples from a CSV file with a header row; the named feature and label columns must hold numbers.
 *
 * @param name     the data set's name (default: the file name without extension)
 * @param file     the path as written in the spec, relative to the spec's directory unless absolute
 * @param features the feature columns, in order
 * @param label    one label column (a value, or a class index for xent), or several (multi-output or one-hot)
 */
public record CsvData(String name, String file, List<String> features, List<String> label) implements DataSpec {

    public CsvData {
        features = List.copyOf(features);
        label = List.copyOf(label);
        if (features.isEmpty()) {
            throw SpecException.of("features", "must name at least one column", features);
        }
        for (String l : label) {
            if (features.contains(l)) {
                throw SpecException.of("label", "must not also be a feature", l);
            }
        }
        if (name == null || name.isBlank()) {
            String base = Path.of(file).getFileName().toString();
            name = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
        }
    }

    @Override
    public Table load(Path baseDir) {
        Path path = baseDir.resolve(file).normalize();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new SpecException("data.csv", "must name a readable file (relative paths start at the spec's directory)",
                    SpecException.render(file) + " (resolved to " + path.toAbsolutePath() + ")");
        }
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new SpecException("data.csv", "must start with a header row of column names", "an empty file");
            }
            List<String> columns = Arrays.stream(header.split(",", -1)).map(CsvData::unquote).toList();
            int[] fi = indexes(columns, features, "data.features");
            int[] li = indexes(columns, label, "data.label");
            List<float[]> xs = new ArrayList<>();
            List<float[]> ys = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != columns.size()) {
                    throw new SpecException("data.csv", "must have " + columns.size() + " cells on every line like its header",
                            cells.length + " cells at line " + lineNo + " of " + file);
                }
                xs.add(numbers(cells, fi, columns, lineNo));
                ys.add(numbers(cells, li, columns, lineNo));
            }
            if (xs.isEmpty()) {
                throw new SpecException("data.csv", "must hold at least one row of data after its header", "none in " + file);
            }
            return new Table(name, "data.label", xs.size(), features, flatten(xs, fi.length), label, flatten(ys, li.length));
        } catch (IOException e) {
            throw new SpecException("data.csv", "must be readable", SpecException.render(file) + " (" + e.getMessage() + ")");
        }
    }

    private float[] numbers(String[] cells, int[] idx, List<String> columns, int lineNo) {
        float[] out = new float[idx.length];
        for (int k = 0; k < idx.length; k++) {
            String cell = unquote(cells[idx[k]]);
            try {
                out[k] = Float.parseFloat(cell);
            } catch (NumberFormatException e) {
                out[k] = Float.NaN;
            }
            if (!Float.isFinite(out[k])) {
                throw new SpecException("data.csv", "must hold finite numbers in column \"" + columns.get(idx[k]) + "\"",
                        SpecException.render(cell) + " at line " + lineNo + " of " + file);
            }
        }
        return out;
    }

    private int[] indexes(List<String> columns, List<String> wanted, String path) {
        int[] out = new int[wanted.size()];
        for (int k = 0; k < wanted.size(); k++) {
            out[k] = columns.indexOf(wanted.get(k));
            if (out[k] < 0) {
                String where = wanted.size() == 1 && path.equals("data.label") ? path : path + "[" + k + "]";
                throw new SpecException(where, "must name a column of " + file + " (columns: " + String.join(", ", columns) + ")",
                        SpecException.render(wanted.get(k)), Suggest.didYouMean(wanted.get(k), columns));
            }
        }
        return out;
    }

    private static float[] flatten(List<float[]> rows, int width) {
        float[] out = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, i * width, width);
        }
        return out;
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("csv", file);
        m.put("features", features);
        m.put("label", label.size() == 1 ? label.get(0) : label);
        return m;
    }
}
