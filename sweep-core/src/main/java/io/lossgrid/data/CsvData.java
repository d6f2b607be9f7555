package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Examples from a CSV file (UTF-8, RFC 4180) with a header row; the named feature and label columns must hold
 * decimal numbers (see {@link #load(Path)}).
 *
 * @param name     the data set's name (default: the file name without extension)
 * @param file     the path as written in the spec, relative to the spec's directory unless absolute
 * @param features the feature columns, in order
 * @param label    one label column (a value, 0/1, or a class index, as the loss wants), or several (multi-output,
 *                 independent 0/1 labels or one-hot rows)
 */
public record CsvData(String name, String file, List<String> features, List<String> label) implements DataSpec {

    /** The parser's settings: RFC 4180, spaces around cells dropped, blank lines kept so that lines can be counted. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(false)
            .build();

    public CsvData {
        features = List.copyOf(features);
        label = List.copyOf(label);
        DataSpecs.checkColumns(features, label);
        if (name == null || name.isBlank()) {
            String base = Path.of(file).getFileName().toString();
            name = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
        }
    }

    /**
     * Reads the file with Apache Commons CSV (RFC 4180: cells may be quoted, quoted cells may hold commas,
     * quotes written twice and line breaks; lines end in LF, CRLF or CR). The file is UTF-8, a byte order
     * mark before the header is skipped; spaces around cells and blank lines are ignored. Lines in errors are
     * the file's lines (where a record starts), whatever its quoted line breaks. Errors name the file and
     * what is wrong, and quote at most one cell or column name (escaped, cut short), never more of the file.
     *
     * @throws SpecException when the file is missing or unreadable, is not UTF-8 or not well-formed CSV, lacks
     *                       a named column or has it twice, or a named column holds a cell that is not a
     *                       finite decimal number a float can hold
     */
    @Override
    public Table load(Path baseDir, SizeGuard guard) {
        Path path = baseDir.resolve(file).normalize();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new SpecException("data.csv", "must name a readable file (relative paths start at the spec's directory)",
                    SpecException.render(file) + " (resolved to " + path.toAbsolutePath() + ")");
        }
        long line = 1;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CSVParser parser = CSV.parse(withoutByteOrderMark(in))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new SpecException("data.csv", "must start with a header row of column names", "an empty file");
            }
            List<String> columns = records.next().toList();
            line = parser.getCurrentLineNumber() + 1;
            if (columns.size() == 1 && columns.get(0).isBlank()) {
                throw new SpecException("data.csv", "must start with a header row of column names", "a blank line 1 in " + file);
            }
            int[] fi = indexes(columns, features, "data.features");
            int[] li = indexes(columns, label, "data.label");
            List<float[]> xs = new ArrayList<>();
            List<float[]> ys = new ArrayList<>();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long recordLine = line;
                line = parser.getCurrentLineNumber() + 1;
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (record.size() != columns.size()) {
                    throw new SpecException("data.csv", "must have " + columns.size() + " cells on every line like its header",
                            record.size() + " cells at line " + recordLine + " of " + file);
                }
                checkSize(guard, xs.size() + 1L, fi.length, li.length, recordLine);
                xs.add(numbers(record, fi, columns, recordLine));
                ys.add(numbers(record, li, columns, recordLine));
            }
            if (xs.isEmpty()) {
                throw new SpecException("data.csv", "must hold at least one row of data after its header", "none in " + file);
            }
            return new Table(name, "data.label", xs.size(), features, flatten(xs, fi.length), label, flatten(ys, li.length));
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause(), line);
        } catch (IOException e) {
            throw unreadable(e, line);
        }
    }

    /**
     * Asks {@code guard} about the rows read so far, so that a file too large for {@code limits.maxDataBytes}
     * is refused as soon as its rows would exceed it, without reading the rest or allocating its arrays.
     */
    private void checkSize(SizeGuard guard, long rows, int inputs, int outputs, long line) {
        try {
            guard.check("data", rows, inputs, outputs);
        } catch (SpecException e) {
            throw new SpecException("data.csv", e.rule(), "at least " + e.found() + " by line " + line + " of " + file);
        }
    }

    private static Reader withoutByteOrderMark(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
        return in;
    }

    private SpecException unreadable(IOException e, long line) {
        if (e instanceof CharacterCodingException) {
            return new SpecException("data.csv", "must be UTF-8 text", "bytes that are not UTF-8 in " + file, "save it as UTF-8");
        }
        if (e.getClass() != IOException.class) {
            return new SpecException("data.csv", "must be readable", SpecException.render(file) + " (" + e.getClass().getSimpleName() + ")");
        }
        // Commons CSV reports malformed input as a plain IOException.
        return new SpecException("data.csv", "must quote cells as RFC 4180 does (a quoted cell ends with its closing quote, "
                + "then a comma or the end of its line)", "a malformed quoted cell in the record at line " + line + " of " + file,
                "write a quote inside a quoted cell twice (\"\")");
    }

    private float[] numbers(CSVRecord record, int[] idx, List<String> columns, long line) {
        float[] out = new float[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = CsvCell.number(record.get(idx[k]), columns.get(idx[k]), line, file);
        }
        return out;
    }

    private int[] indexes(List<String> columns, List<String> wanted, String path) {
        int[] out = new int[wanted.size()];
        for (int k = 0; k < wanted.size(); k++) {
            String where = wanted.size() == 1 && path.equals("data.label") ? path : path + "[" + k + "]";
            String w = wanted.get(k);
            out[k] = columns.indexOf(w);
            if (out[k] < 0) {
                String hint = Suggest.didYouMean(w, columns.stream().map(CsvData::shown).toList());
                if (hint == null && columns.size() == 1) {
                    hint = "the header has one column: is the file comma-separated?";
                }
                throw new SpecException(where, "must name a column in the header of " + file + " (" + columns.size()
                        + (columns.size() == 1 ? " column)" : " columns)"), CsvCell.quote(w), hint);
            }
            int twin = columns.lastIndexOf(w);
            if (twin != out[k]) {
                throw new SpecException(where, "must name a column that appears once in the header of " + file,
                        CsvCell.quote(w) + " at columns " + (out[k] + 1) + " and " + (twin + 1), "rename one of them");
            }
        }
        return out;
    }

    /** A column name as a suggestion shows it: escaped and cut short, without the quotes Suggest adds. */
    private static String shown(String column) {
        String q = CsvCell.quote(column);
        return q.substring(1, q.length() - 1);
    }

    private static float[] flatten(List<float[]> rows, int width) {
        float[] out = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, i * width, width);
        }
        return out;
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
