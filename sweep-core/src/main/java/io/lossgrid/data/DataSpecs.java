package io.lossgrid.data;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Schemas;
import io.lossgrid.base.Section;
import io.lossgrid.base.SpecException;
import io.lossgrid.base.Suggest;
import io.lossgrid.base.Type;
import io.lossgrid.base.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a spec's {@code data} entry: {@code {csv: file, features: [..], label: ..}}, {@code {parquet: path, ..}},
 * {@code {spark: {format, path, options}, ..}}, {@code {table: name, ..}}, {@code {images: folder, size: [H, W]}}
 * or {@code {synthetic: {generator: .., ..}}}. The fields of every form are declared here once ({@link #CSV},
 * {@link #PARQUET}, {@link #SPARK}, {@link #TABLE}, {@link #IMAGES}, {@link #SYNTHETIC}); a generator's own fields
 * are declared by its record ({@link LinearData#FIELDS}, {@link BlobsData#FIELDS}, {@link ShapesData#FIELDS}).
 */
public final class DataSpecs {
    private static final List<String> GENERATORS = List.of(LinearData.GENERATOR_NAME, BlobsData.GENERATOR_NAME,
            ShapesData.GENERATOR_NAME);

    public static final Field<String> NAME = Field.optional("name", Types.STRING,
            "the data set's name in tables and reports",
            "the file's, folder's or table's name without extension, or the generator's");
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
    public static final Field<String> PARQUET_FILE = Field.required("parquet", Types.STRING,
                    "a Parquet file, or a directory of them as Spark writes them, relative to the spec's directory "
                            + "(or a URI such as `s3a://...`); read with Spark on the driver; the named columns must be "
                            + "numeric (or one array column, see `shape`) without nulls, NaN or infinities")
            .requiredAs("is required for a Parquet data set");
    public static final Field<String> FORMAT = Field.required("format", Types.STRING,
            "the DataFrameReader format: csv, json, parquet, orc, or any a jar on the classpath adds")
            .requiredAs("is required (a DataFrameReader format such as csv or parquet)");
    public static final Field<String> PATH = Field.required("path", Types.STRING,
            "a file or directory, relative to the spec's directory, or a URI").requiredAs("is required (a file or directory)");
    public static final Field<Map<String, String>> OPTIONS = Field.withDefault("options", new Type<>(DataSpecs::options,
                    o -> o, Map.of("type", "object", "additionalProperties",
                    Map.of("type", List.of("string", "number", "boolean")))), Map.of(),
            "the reader's options, such as `{header: true, inferSchema: true}` for csv");
    /** The map under {@code spark}. */
    public static final Section SPARK_READ_FIELDS = Section.of(FORMAT, PATH, OPTIONS);
    public static final Field<Node> SPARK_READ = Field.required("spark",
                    Type.plain(n -> n, SPARK_READ_FIELDS.schema()),
                    "anything Spark's DataFrameReader reads: `{format: csv, path: d.csv, options: {header: true}}`")
            .requiredAs("is required for a Spark-read data set");
    public static final Field<String> TABLE_NAME = Field.required("table", Types.STRING,
            "a table or view in Spark's catalog (`db.name` for another database), read with Spark on the driver")
            .requiredAs("is required for a catalog table");
    public static final Field<List<Integer>> SHAPE = Field.optional("shape", new Type<>(n -> n.list().stream()
                            .map(Node::intValue).toList(), v -> v, Map.of("type", "array", "minItems", 2, "maxItems", 3,
                            "items", Map.of("type", "integer", "minimum", 1))),
                    "with one array column as `features` (the way image data sits in Parquet): each example's shape, "
                            + "`[channels, height, width]` such as [1, 28, 28], or `[height, width]`",
                    "the features are scalar columns")
            .rule("must be 2 or 3 sizes, each >= 1", v -> (v.size() == 2 || v.size() == 3) && v.stream().allMatch(d -> d >= 1));
    public static final Field<String> IMAGES_DIR = Field.required("images", Types.STRING,
                    "a folder with one subfolder per class (torchvision's ImageFolder): classes in sorted folder order, "
                            + "PNG and JPEG files decoded with the JDK's ImageIO, resized to `size`, scaled to [0, 1]; "
                            + "the class names go to `sweep.json`")
            .requiredAs("is required for an image folder").heldIn("dir");
    public static final Field<List<Integer>> SIZE = Field.required("size", new Type<>(n -> n.list().stream()
                            .map(Node::intValue).toList(), v -> v, Map.of("type", "array", "minItems", 2, "maxItems", 2,
                            "items", Map.of("type", "integer", "minimum", 1, "maximum", 10000))),
                    "`[height, width]` every image is resized to")
            .requiredAs("is required for an image folder (such as [28, 28])")
            .rule("must be [height, width], each between 1 and 10000",
                    v -> v.size() == 2 && v.stream().allMatch(d -> d >= 1 && d <= 10_000));
    public static final Field<Integer> CHANNELS = Field.withDefault("channels", Types.INT, 1,
            "1 (grey: ITU-R 601 luma) or 3 (R, G, B)").rule("must be 1 or 3", v -> v == 1 || v == 3);
    public static final Field<Node> GENERATOR_SETTINGS = Field.required("synthetic",
            Type.plain(n -> n, Schemas.anyOf(List.of(LinearData.FIELDS.schema(), BlobsData.FIELDS.schema(),
                    ShapesData.FIELDS.schema()))),
            "a seeded generator and its settings: `{generator: linear, ...}`, `{generator: blobs, ...}` or "
                    + "`{generator: shapes, ...}` (images)")
            .requiredAs("is required for a generated data set (or csv instead)");

    /** The held-out share of {@code validation: {share, seed}}. */
    public static final Field<Double> SHARE = Field.required("share", Types.NUMBER,
            "the share of the examples held out for validation").requiredAs("is required (such as 0.2)")
            .rule("must be in (0, 1)", v -> v > 0 && v < 1);
    /** The seed of {@code validation: {share, seed}}. */
    public static final Field<Long> SPLIT_SEED = Field.withDefault("seed", Types.LONG, 0L, "seeds the hold-out draw");
    /** The map form of a held-out share. */
    public static final Section SHARE_FIELDS = Section.of(SHARE, SPLIT_SEED);
    public static final Field<Node> VALIDATION = Field.optional("validation", Type.plain(n -> n, Map.of("oneOf", List.of(
                    Map.of("type", "number", "exclusiveMinimum", 0, "exclusiveMaximum", 1), SHARE_FIELDS.schema(),
                    Map.of("type", "object", "description", "a separate data set, written as a data entry")))),
            "a validation set: a share held out (`0.2`, or `{share: 0.2, seed: 7}`; drawn per class when a loss is a "
                    + "classifier, from `seed`, default 0) or a separate data set written as a data entry "
                    + "(`{csv: val.csv}`; `features`, `label`, `shape`, `size` and `channels` default to this entry's); "
                    + "epochs then record `val_loss` and, for classifiers, validation accuracies (README, Validation)",
            "no validation set; a share must be in (0, 1) and leave every class an example in both parts, a separate "
                    + "set must have the training set's features, label and shape");

    /** A data set read from a CSV file. */
    public static final Section CSV = Section.of(NAME, CSV_FILE, FEATURES, LABEL, VALIDATION);
    /** A data set read from Parquet files with Spark. */
    public static final Section PARQUET = Section.of(NAME, PARQUET_FILE, FEATURES, LABEL, SHAPE, VALIDATION);
    /** A data set read with any Spark DataFrameReader format. */
    public static final Section SPARK = Section.of(NAME, SPARK_READ, FEATURES, LABEL, SHAPE, VALIDATION);
    /** A data set read from a table of Spark's catalog. */
    public static final Section TABLE = Section.of(NAME, TABLE_NAME, FEATURES, LABEL, SHAPE, VALIDATION);
    /** A folder of images, one subfolder per class. */
    public static final Section IMAGES = Section.of(NAME, IMAGES_DIR, SIZE, CHANNELS, VALIDATION);
    /** The keys that say which form a data entry takes, in the order errors list them. */
    private static final List<String> FORMS = List.of(CSV_FILE.key(), PARQUET_FILE.key(), SPARK_READ.key(),
            TABLE_NAME.key(), IMAGES_DIR.key(), GENERATOR_SETTINGS.key());

    /**
     * A generated data set (the generator's settings are {@link LinearData#FIELDS}, {@link BlobsData#FIELDS} or
     * {@link ShapesData#FIELDS}).
     */
    public static final Section SYNTHETIC = Section.of(NAME, GENERATOR_SETTINGS, VALIDATION);
    /** The keys a separate validation set takes from its entry when it does not give them. */
    private static final List<String> INHERITED = List.of(FEATURES.key(), LABEL.key(), SHAPE.key(), SIZE.key(),
            CHANNELS.key());

    private DataSpecs() {
    }

    /** The JSON Schema of one data entry. */
    public static Map<String, Object> schema() {
        return Map.of("oneOf", List.of(CSV.schema(), PARQUET.schema(), SPARK.schema(), TABLE.schema(), IMAGES.schema(),
                SYNTHETIC.schema()));
    }

    /**
     * Parses one data entry: its form, and with {@code validation} given, the entry wrapped in {@link Validated}.
     *
     * @throws SpecException naming the field that breaks a rule
     */
    public static DataSpec parse(Node node) {
        DataSpec entry = parseEntry(node);
        if (!(node.raw() instanceof Map<?, ?> raw) || !raw.containsKey(VALIDATION.key())) {
            return entry;
        }
        Node v = new Node(node.path().isEmpty() ? VALIDATION.key() : node.path() + "." + VALIDATION.key(),
                raw.get(VALIDATION.key()));
        return new Validated(entry, validation(v, raw));
    }

    private static Validation validation(Node v, Map<?, ?> entry) {
        String rule = "must be a share in (0, 1) (the part of the examples held out) or a separate data set such as "
                + "{csv: val.csv}";
        if (v.raw() instanceof Number || v.raw() instanceof String) {
            double share = v.number();
            if (!(share > 0 && share < 1)) {
                throw v.error(rule);
            }
            return new Validation.Share(share, SPLIT_SEED.defaultValue());
        }
        if (!(v.raw() instanceof Map<?, ?> given)) {
            throw v.error(rule);
        }
        if (given.containsKey(SHARE.key())) {
            Section.Values s = SHARE_FIELDS.read(v);
            double share = s.get(SHARE);
            long seed = s.get(SPLIT_SEED);
            return v.build(() -> new Validation.Share(share, seed));
        }
        if (given.containsKey(VALIDATION.key())) {
            throw new SpecException(v.path() + "." + VALIDATION.key(), "must not be given in a validation set",
                    SpecException.render(given.get(VALIDATION.key())));
        }
        Map<Object, Object> filled = new LinkedHashMap<>(given);
        Node probe = new Node(v.path(), given);
        Section form = sectionOf(probe);
        for (String key : INHERITED) {
            if (!filled.containsKey(key) && entry.containsKey(key) && form != null && form.keys().contains(key)) {
                filled.put(key, entry.get(key));
            }
        }
        return new Validation.Separate(parseEntry(new Node(v.path(), filled)));
    }

    /** The section of the form a data map names, or null when it names none or several. */
    private static Section sectionOf(Node node) {
        Map<?, ?> raw = (Map<?, ?>) node.raw();
        List<String> given = FORMS.stream().filter(raw::containsKey).toList();
        if (given.size() != 1) {
            return null;
        }
        // in the order of FORMS
        return List.of(CSV, PARQUET, SPARK, TABLE, IMAGES, SYNTHETIC).get(FORMS.indexOf(given.get(0)));
    }

    private static DataSpec parseEntry(Node node) {
        if (!node.isMap()) {
            throw node.error("must be a map with one of " + String.join(", ", FORMS));
        }
        Map<?, ?> raw = (Map<?, ?>) node.raw();
        List<String> given = FORMS.stream().filter(raw::containsKey).toList();
        if (given.size() != 1) {
            throw new SpecException(node.path(), "must have exactly one of csv (a file), parquet (a file or directory), "
                    + "spark (a DataFrameReader read), table (a catalog table), images (a folder) or synthetic (a generator)",
                    given.isEmpty() ? "none of them" : String.join(" and ", given));
        }
        String form = given.get(0);
        if (form.equals(CSV_FILE.key())) {
            Section.Values v = CSV.read(node);
            String file = v.get(CSV_FILE);
            List<String> features = v.get(FEATURES);
            List<String> label = v.get(LABEL);
            String name = v.get(NAME);
            return node.build(() -> new CsvData(name, file, features, label));
        }
        if (form.equals(PARQUET_FILE.key())) {
            Section.Values v = PARQUET.read(node);
            return sparkData(node, v, FileSource.parquet(v.get(PARQUET_FILE)));
        }
        if (form.equals(SPARK_READ.key())) {
            Section.Values v = SPARK.read(node);
            Node read = v.get(SPARK_READ);
            if (!read.isMap()) {
                throw read.error("must be a map such as {format: csv, path: d.csv, options: {header: true}}");
            }
            Section.Values r = SPARK_READ_FIELDS.read(read);
            String format = r.get(FORMAT);
            String path = r.get(PATH);
            Map<String, String> options = r.get(OPTIONS);
            return sparkData(node, v, read.build(() -> new FileSource(false, format, path, options)));
        }
        if (form.equals(TABLE_NAME.key())) {
            Section.Values v = TABLE.read(node);
            return sparkData(node, v, new CatalogSource(v.get(TABLE_NAME)));
        }
        if (form.equals(IMAGES_DIR.key())) {
            Section.Values v = IMAGES.read(node);
            String name = v.get(NAME);
            String dir = v.get(IMAGES_DIR);
            List<Integer> size = sizes(SIZE, v);
            int channels = v.get(CHANNELS);
            return node.build(() -> new ImageFolderData(name, dir, size.get(0), size.get(1), channels));
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
        return switch (generator) {
            case LinearData.GENERATOR_NAME -> LinearData.parse(name, gen);
            case BlobsData.GENERATOR_NAME -> BlobsData.parse(name, gen);
            default -> ShapesData.parse(name, gen);
        };
    }

    private static SparkData sparkData(Node node, Section.Values v, SparkSource source) {
        String name = v.get(NAME);
        List<String> features = v.get(FEATURES);
        List<String> label = v.get(LABEL);
        List<Integer> shape = v.has(SHAPE) ? sizes(SHAPE, v) : null;
        return node.build(() -> new SparkData(name, source, features, label, shape == null ? null : shape.size() == 2
                ? new ImageShape(1, shape.get(0), shape.get(1)) : new ImageShape(shape.get(0), shape.get(1), shape.get(2))));
    }

    /** A list of sizes obeying its field's rules; an error shows the list as written ({@code [1, 2, 3]}). */
    private static List<Integer> sizes(Field<List<Integer>> field, Section.Values v) {
        List<Integer> sizes = v.get(field);
        for (var rule : field.rules()) {
            if (!rule.test().test(sizes)) {
                throw new SpecException(v.node(field).path(), rule.text(), sizes.toString());
            }
        }
        return sizes;
    }

    /** The reader's options: a map of scalars, each written as text (Spark's options are strings). */
    private static Map<String, String> options(Node node) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (!node.isMap()) {
            throw node.error("must be a map of reader options such as {header: true}");
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) node.raw()).entrySet()) {
            Object value = e.getValue();
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new SpecException(node.path() + "." + e.getKey(), "must be a string, number or boolean",
                        SpecException.render(value));
            }
            out.put(String.valueOf(e.getKey()), String.valueOf(value));
        }
        return out;
    }

    /** A generated data set's resolved form for {@code sweep.json} and trial ids: its name, then its declared fields. */
    static Map<String, Object> generated(String name, Section fields, Object generator) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(NAME.key(), name);
        m.putAll(fields.write(generator));
        return m;
    }

    /** The column rules of a table read from a file or Spark: at least one feature, no label among them. */
    static void checkColumns(List<String> features, List<String> label) {
        if (features.isEmpty()) {
            throw SpecException.of("features", "must name at least one column", features);
        }
        for (String l : label) {
            if (features.contains(l)) {
                throw SpecException.of("label", "must not also be a feature", l);
            }
        }
    }
}
