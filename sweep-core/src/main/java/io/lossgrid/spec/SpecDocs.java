package io.lossgrid.spec;

import io.lossgrid.base.Canonical;
import io.lossgrid.base.Field;
import io.lossgrid.base.Section;
import io.lossgrid.data.BlobsData;
import io.lossgrid.data.DataSpecs;
import io.lossgrid.data.LinearData;
import io.lossgrid.data.ShapesData;
import io.lossgrid.outcome.OutcomeRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the spec's declarations document: the JSON Schema editors check specs against
 * ({@code conf/lossgrid.schema.json}) and the rows of the README's spec table. Both are generated from the
 * fields each section declares, and tests fail when the committed files differ from what is generated.
 *
 * <p>To regenerate both after changing a declaration, from the repository root:
 * {@code mvn -B -o -q test -pl sweep-core -Dtest=SpecDocsTest -Dlossgrid.regenerate=true}
 * (or run {@link #main} with the repository root as its argument).
 */
public final class SpecDocs {
    /** The schema file, relative to the repository root. */
    public static final String SCHEMA_FILE = "conf/lossgrid.schema.json";
    /** The header of the README's spec table; the rows follow its separator line up to the first blank line. */
    public static final String TABLE_HEADER = "| field | meaning | default and rule |";
    static final String TABLE_SEPARATOR = "|---|---|---|";

    private SpecDocs() {
    }

    /** The JSON Schema (draft-07) of a sweep spec. */
    public static Map<String, Object> schema() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("$schema", "http://json-schema.org/draft-07/schema#");
        m.put("title", "lossgrid sweep spec");
        m.put("description", "A lossgrid sweep spec (YAML). Generated from the spec's field declarations by "
                + "io.lossgrid.spec.SpecDocs; do not edit by hand.");
        m.putAll(SweepSpec.FIELDS.schema());
        return m;
    }

    /** The schema file's text: indented JSON, keys sorted. */
    public static String schemaText() {
        return Canonical.pretty(schema());
    }

    /** The rows of the README's spec table, one per declared field, in the order a spec is written. */
    public static List<String> tableRows() {
        List<String> rows = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        add(rows, seen, "", "", SweepSpec.FIELDS);
        add(rows, seen, "data.", "", DataSpecs.CSV);
        add(rows, seen, "data.", "", DataSpecs.PARQUET);
        add(rows, seen, "data.", "", DataSpecs.SPARK);
        add(rows, seen, "data.spark.", "", DataSpecs.SPARK_READ_FIELDS);
        add(rows, seen, "data.", "", DataSpecs.TABLE);
        add(rows, seen, "data.", "", DataSpecs.IMAGES);
        add(rows, seen, "data.", "", DataSpecs.SYNTHETIC);
        add(rows, seen, "data.validation.", "", DataSpecs.SHARE_FIELDS);
        add(rows, seen, "data.synthetic.", " (linear)", LinearData.FIELDS);
        add(rows, seen, "data.synthetic.", " (blobs)", BlobsData.FIELDS);
        add(rows, seen, "data.synthetic.", " (shapes)", ShapesData.FIELDS);
        add(rows, seen, "model.", "", ModelSpec.MLP);
        add(rows, seen, "model.", "", ModelSpec.CNN);
        add(rows, seen, "training.", "", TrainingSpec.FIELDS);
        add(rows, seen, "training.trace.", "", TraceSpec.FIELDS);
        add(rows, seen, "training.distributed.", "", Distributed.FIELDS);
        add(rows, seen, "grid.", "", GridSpec.FIELDS);
        add(rows, seen, "grid.cells[].", "", GridSpec.Cell.FIELDS);
        add(rows, seen, "search.", " (grid)", GridSearch.FIELDS);
        add(rows, seen, "search.", " (random)", RandomSearch.FIELDS);
        add(rows, seen, "search.", " (boundary)", BoundarySearch.FIELDS);
        add(rows, seen, "convergence.", "", OutcomeRules.FIELDS);
        add(rows, seen, "limits.", "", Limits.FIELDS);
        add(rows, seen, "output.", "", OutputSpec.FIELDS);
        return rows;
    }

    /**
     * Adds a row per field of {@code section}. Without a variant a path already listed is skipped (a field
     * two forms share, such as {@code data.name}); with one ({@code linear}, {@code blobs}) every field gets
     * its own row, named with the variant, since the defaults differ.
     */
    private static void add(List<String> rows, Set<String> seen, String prefix, String variant, Section section) {
        for (Field<?> f : section.fields()) {
            String path = prefix + f.key();
            if (variant.isEmpty() && !seen.add(path)) {
                continue;
            }
            rows.add("| `" + path + "`" + variant + " | " + cell(f.doc()) + " | " + cell(f.ruleText()) + " |");
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /**
     * The README text with its spec table's rows replaced by {@link #tableRows()}.
     *
     * @throws IllegalArgumentException when the README has no spec table
     */
    public static String withTable(String readme) {
        List<String> lines = new ArrayList<>(List.of(readme.split("\n", -1)));
        int header = lines.indexOf(TABLE_HEADER);
        if (header < 0 || header + 1 >= lines.size() || !lines.get(header + 1).equals(TABLE_SEPARATOR)) {
            throw new IllegalArgumentException("README.md must hold the spec table, starting with " + TABLE_HEADER
                    + " and " + TABLE_SEPARATOR);
        }
        int end = header + 2;
        while (end < lines.size() && !lines.get(end).isBlank()) {
            end++;
        }
        List<String> out = new ArrayList<>(lines.subList(0, header + 2));
        out.addAll(tableRows());
        out.addAll(lines.subList(end, lines.size()));
        return String.join("\n", out);
    }

    /** Writes the schema file and the README's spec table under the repository root {@code args[0]} (default "."). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Files.writeString(root.resolve(SCHEMA_FILE), schemaText(), StandardCharsets.UTF_8);
        Path readme = root.resolve("README.md");
        Files.writeString(readme, withTable(Files.readString(readme, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
