package io.lossgrid.data;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.util.List;
import java.util.Map;

/**
 * Parses a spec's {@code data} entry: {@code {csv: file, features: [..], label: ..}} or
 * {@code {synthetic: {generator: .., ..}}}. The fields of both forms are declared here once ({@link #CSV},
 * {@link #SYNTHETIC}); a generator's own fields are declared by its record ({@link LinearData#FIELDS},
 * {@link BlobsData#FIELDS}).
 */
public final class DataSpecs {
    private static final List<String> GENERATORS = List.of(LinearData.GENERATOR_NAME, BlobsData.GENERATOR_NAME);

    public static final Field<String> NAME = Field.optional("name", Types.STRING,
            "the data set's name in tables and reports", "the CSV file's name without extension, or the generator's");
    public static final Field<String> CSV_FILE = Field.required("csv", Types.STRING,
                    "a CSV file with a header row, relative to the spec's directory: UTF-8 (a BOM is skipped), RFC 4180 "
                            + "quoting; each named column must appear once in the header and hold finite decimal numbers "
                            + "(`1`, `-2.5`, `1e-3`, `.5`) a float can hold; with `dtype: float`, a column whose squares "
                            + "summed over the rows overflow float is refused").requiredAs("is required for a CSV data set (or synthetic instead)")
            .heldIn("file");
    public static final Field<List<String>> FEATURES = Field.required("features", Types.STRING_LIST,
            "the feature columns, in order").requiredAs("is required (the feature columns, such as [x])");
    public static final Field<List<String>> LABEL = Field.required("label", Types.STRING_OR_LIST,
                    "the label column (a value for `mse` and `mae`, 0/1 for `bce`, a class index for `xent` and `focal`) "
                            + "or a list of columns (several outputs, or one-hot rows for `xent`)")
            .requiredAs("is required (the label column, or the one-hot columns)");
    public static final Field<Node> GENERATOR_SETTINGS = Field.required("synthetic",
            Type.plain(n -> n, Schemas.anyOf(List.of(LinearData.FIELDS.schema(), BlobsData.FIELDS.schema()))),
            "a seeded generator and its settings: `{generator: linear, ...}` or `{generator: blobs, ...}`")
            .requiredAs("is required for a generated data set (or csv instead)");

    /** A data set read from a CSV file. */
    public static final Section CSV = Section.of(NAME, CSV_FILE, FEATURES, LABEL);
    /** A generated data set (the generator's settings are {@link LinearData#FIELDS} or {@link BlobsData#FIELDS}). */
    public static final Section SYNTHETIC = Section.of(NAME, GENERATOR_SETTINGS);

    private DataSpecs() {
    }

    /** The JSON Schema of one data entry. */
    public static Map<String, Object> schema() {
        return Map.of("oneOf", List.of(CSV.schema(), SYNTHETIC.schema()));
    }

    public static DataSpec parse(Node node) {
        if (!node.isMap()) {
            throw node.error("must be a map with csv or synthetic");
        }
        Map<?, ?> raw = (Map<?, ?>) node.raw();
        boolean csv = raw.containsKey(CSV_FILE.key());
        boolean synthetic = raw.containsKey(GENERATOR_SETTINGS.key());
        if (csv == synthetic) {
            throw node.error("must have exactly one of csv (a file) or synthetic (a generator)");
        }
        if (csv) {
            Section.Values v = CSV.read(node);
            String file = v.get(CSV_FILE);
            List<String> features = v.get(FEATURES);
            List<String> label = v.get(LABEL);
            String name = v.get(NAME);
            return node.build(() -> new CsvData(name, file, features, label));
        }
        Section.Values top = SYNTHETIC.read(node);
        String name = top.get(NAME);
        Node gen = top.get(GENERATOR_SETTINGS);
        if (!gen.isMap()) {
            throw gen.error("must be a map such as {generator: linear, samples: 256}");
        }
        Object g = ((Map<?, ?>) gen.raw()).get(LinearData.GENERATOR.key());
        if (!(g instanceof String generator) || !GENERATORS.contains(generator)) {
            throw new SpecException(gen.path() + "." + LinearData.GENERATOR.key(), "must be one of " + String.join(", ", GENERATORS),
                    SpecException.render(g), g instanceof String s ? Suggest.didYouMean(s, GENERATORS) : null);
        }
        return generator.equals(LinearData.GENERATOR_NAME) ? LinearData.parse(name, gen) : BlobsData.parse(name, gen);
    }
}
