package io.lossgrid.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.base.SpecException;
import io.lossgrid.data.SparkData;
import io.lossgrid.data.Table;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.job.PreparedData;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.testing.AllTrials;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.train.Dl4jTrialRunner;
import io.lossgrid.train.TrainingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data sets Spark reads, from fixtures written in the test: Parquet files and directories written by Spark from a
 * DataFrame, a CSV file with quoted fields, a temporary view in the catalog, an array column of pixels.
 */
class SparkTablesTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @TempDir
    static Path warehouse;

    /**
     * Looking a table up in the catalog creates Spark's warehouse folder: it goes to a temporary folder, not into
     * the working directory (SparkConf reads {@code spark.*} system properties when the session is built).
     */
    @BeforeAll
    static void start() {
        System.setProperty("spark.sql.warehouse.dir", warehouse.toUri().toString());
        try {
            spark = LocalSpark.start("SparkTablesTest");
        } finally {
            System.clearProperty("spark.sql.warehouse.dir");
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final StructType XY = new StructType()
            .add("a", DataTypes.DoubleType).add("b", DataTypes.IntegerType).add("y", DataTypes.FloatType);

    private Dataset<Row> frame(StructType schema, Row... rows) {
        return spark.createDataFrame(Arrays.asList(rows), schema);
    }

    /** Writes one Parquet file with these rows and returns it (not its directory). */
    private Path parquetFile(String name, Dataset<Row> df) throws IOException {
        Path out = dir.resolve(name + "-dir");
        df.coalesce(1).write().parquet(out.toString());
        try (Stream<Path> s = Files.list(out)) {
            Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            return Files.move(part, dir.resolve(name + ".parquet"));
        }
    }

    private SweepSpec spec(String data, String loss) {
        return SpecLoader.parse("name: s\ndata: " + data + "\nmodel: {type: linear, weightInit: zero}\nloss: " + loss
                + "\ntraining: {epochs: 20}\ngrid: {learningRate: [0.1], optimizer: [sgd], seed: [3]}\n", dir);
    }

    private Table read(String data) {
        SweepSpec spec = spec(data, "mse");
        return new SparkTables(spark).read((SparkData) spec.data().get(0), dir, spec.limits()::checkDataSize);
    }

    private void assertRefused(String message, String data) {
        assertEquals(message, assertThrows(SpecException.class, () -> read(data)).getMessage());
    }

    @Test
    void aParquetFileGivesTheNamedColumnsInOrderAsFloats() throws IOException {
        parquetFile("d", frame(XY, RowFactory.create(1.5, 2, 3f), RowFactory.create(-0.25, 7, 1f)));
        Table t = read("{parquet: d.parquet, features: [b, a], label: y}");
        assertEquals("d", t.name());
        assertEquals(2, t.rows());
        assertEquals(List.of("b", "a"), t.features());
        assertArrayEquals(new float[] {2, 1.5f, 7, -0.25f}, t.x());
        assertArrayEquals(new float[] {3, 1}, t.y());
    }

    @Test
    void aParquetDirectoryWrittenBySparkInSeveralFilesGivesEveryRow() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(RowFactory.create((double) i, i * 2, (float) i));
        }
        spark.createDataFrame(rows, XY).repartition(3).write().parquet(dir.resolve("many").toString());
        Table t = read("{parquet: many, features: [a, b], label: y}");
        assertEquals("many", t.name());
        assertEquals(40, t.rows());
        float[] labels = t.y().clone();
        Arrays.sort(labels);
        for (int i = 0; i < 40; i++) {
            assertEquals(i, labels[i]);
        }
        for (int r = 0; r < 40; r++) {
            assertEquals(t.x()[2 * r] * 2, t.x()[2 * r + 1], "each row's columns stay together");
        }
        assertEquals(t.fingerprint(), read("{parquet: many, features: [a, b], label: y}").fingerprint(),
                "the same files read in the same order");
    }

    @Test
    void aSparkCsvReadWithQuotedFieldsAndOptionsGivesItsNumbers() throws IOException {
        Files.writeString(dir.resolve("q.csv"), "\"size, in cm\",\"y\"\n\"1.5\",2\n\"-3\",\"4.25\"\n");
        Table t = read("{spark: {format: csv, path: q.csv, options: {header: true, inferSchema: true}}, "
                + "features: ['size, in cm'], label: y}");
        assertEquals("q", t.name());
        assertArrayEquals(new float[] {1.5f, -3}, t.x());
        assertArrayEquals(new float[] {2, 4.25f}, t.y());
    }

    @Test
    void aCsvColumnReadAsTextIsRefusedWithTheOptionThatReadsNumbers() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "x,y\n1,2\n");
        assertRefused("data.features[0] must name a numeric column of csv data \"t.csv\", found \"x\" of type string; "
                + "read numbers as numbers with options: {inferSchema: true}",
                "{spark: {format: csv, path: t.csv, options: {header: true}}, features: [x], label: y}");
    }

    @Test
    void aCatalogTableIsReadByName() {
        frame(XY, RowFactory.create(0.5, 1, 2f)).createOrReplaceTempView("points");
        Table t = read("{table: points, features: [a], label: y}");
        assertEquals("points", t.name());
        assertArrayEquals(new float[] {0.5f}, t.x());
        assertArrayEquals(new float[] {2}, t.y());
    }

    @Test
    void anArrayColumnWithAShapeGivesItsValuesAsTheInputs() throws IOException {
        StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.FloatType))
                .add("digit", DataTypes.IntegerType);
        parquetFile("img", frame(schema, RowFactory.create(new float[] {0f, 0.25f, 0.5f, 1f}, 1),
                RowFactory.create(new float[] {1f, 1f, 0f, 0f}, 0)));
        Table t = read("{parquet: img.parquet, features: pixels, label: digit, shape: [1, 2, 2]}");
        assertEquals(2, t.rows());
        assertEquals(List.of("pixels[0]", "pixels[1]", "pixels[2]", "pixels[3]"), t.features());
        assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 1f, 1f, 1f, 0f, 0f}, t.x());
        assertArrayEquals(new float[] {1, 0}, t.y());
    }

    @Test
    void anArrayOfTheWrongLengthIsRefusedNamingItsRow() throws IOException {
        StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("digit", DataTypes.IntegerType);
        parquetFile("bad", frame(schema, RowFactory.create(new double[] {0, 1, 0, 1}, 1),
                RowFactory.create(new double[] {0, 1, 0}, 0)));
        assertRefused("data.parquet must hold 4 values (shape 1x2x2) in each array of column \"pixels\", found 3 in "
                + "row 2 of parquet data \"bad.parquet\"", "{parquet: bad.parquet, features: pixels, label: digit, shape: [2, 2]}");
    }

    @Test
    void anArrayColumnWithoutShapeIsRefusedWithTheFix() throws IOException {
        StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("digit", DataTypes.IntegerType);
        parquetFile("noshape", frame(schema, RowFactory.create(new double[] {0, 1}, 1)));
        assertRefused("data.features[0] must name numeric columns, or one array column with shape, found \"pixels\" of "
                + "type array<double>; give each example's shape, such as shape: [1, 28, 28]",
                "{parquet: noshape.parquet, features: pixels, label: digit}");
    }

    @Test
    void aNaNIsRefusedNamingItsColumnAndRow() throws IOException {
        parquetFile("nan", frame(XY, RowFactory.create(1.0, 1, 1f), RowFactory.create(Double.NaN, 1, 1f)));
        assertRefused("data.parquet must hold finite numbers in column \"a\", found NaN in row 2 of parquet data "
                + "\"nan.parquet\"", "{parquet: nan.parquet, features: [a, b], label: y}");
    }

    @Test
    void anInfiniteLabelIsRefusedNamingItsRow() throws IOException {
        parquetFile("inf", frame(XY, RowFactory.create(1.0, 1, Float.POSITIVE_INFINITY)));
        assertRefused("data.parquet must hold finite numbers in column \"y\", found Infinity in row 1 of parquet data "
                + "\"inf.parquet\"", "{parquet: inf.parquet, features: [a], label: y}");
    }

    @Test
    void aNullIsRefusedNamingItsRow() throws IOException {
        parquetFile("null", frame(XY, RowFactory.create(1.0, null, 1f)));
        assertRefused("data.parquet must hold no nulls in column \"b\", found null in row 1 of parquet data \"null.parquet\"",
                "{parquet: null.parquet, features: [a, b], label: y}");
    }

    @Test
    void aMissingParquetFileIsRefusedWithSparksReason() {
        SpecException e = assertThrows(SpecException.class, () -> read("{parquet: nowhere.parquet, features: [a], label: y}"));
        assertTrue(e.getMessage().startsWith("data.parquet must name a file or directory Spark can read as parquet "
                + "(relative paths start at the spec's directory), found \"nowhere.parquet\" ([PATH_NOT_FOUND]"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void aMissingTableIsRefused() {
        SpecException e = assertThrows(SpecException.class, () -> read("{table: no_such_table, features: [a], label: y}"));
        assertTrue(e.getMessage().startsWith("data.table must name a table or view in Spark's catalog, found "
                + "\"no_such_table\" ([TABLE_OR_VIEW_NOT_FOUND]"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void anUnknownFormatIsRefusedAtFormat() throws IOException {
        Files.writeString(dir.resolve("d.txt"), "x");
        SpecException e = assertThrows(SpecException.class, () -> read("{spark: {format: nosuchformat, path: d.txt}, "
                + "features: [a], label: y}"));
        assertTrue(e.getMessage().startsWith("data.spark.format must be a DataFrameReader format Spark knows (csv, json, "
                + "parquet, orc, text, ...), found \"nosuchformat\" ("), e.getMessage());
    }

    @Test
    void aMisspeltColumnIsRefusedWithASuggestion() throws IOException {
        parquetFile("cols", frame(XY, RowFactory.create(1.0, 1, 1f)));
        assertRefused("data.features[1] must name a column of parquet data \"cols.parquet\" (3 columns), found \"bb\"; "
                + "did you mean \"b\"?", "{parquet: cols.parquet, features: [a, bb], label: y}");
    }

    @Test
    void dataBeyondMaxDataBytesIsRefusedFromTheRowCount() throws IOException {
        parquetFile("big", frame(XY, RowFactory.create(1.0, 1, 1f), RowFactory.create(2.0, 2, 2f)));
        SweepSpec spec = SpecLoader.parse("name: s\ndata: {parquet: big.parquet, features: [a, b], label: y}\n"
                + "model: {type: linear}\nloss: mse\ntraining: {epochs: 2}\ngrid: {learningRate: [0.1], optimizer: [sgd]}\n"
                + "limits: {maxDataBytes: 20}\n", dir);
        SpecException e = assertThrows(SpecException.class, () -> PreparedData.load(spec, spark));
        assertEquals("data.parquet must fit in limits.maxDataBytes = 20 bytes (its x and y arrays as float), found 24 bytes "
                + "(2 rows x (2 inputs + 1 outputs) x 4 bytes)", e.getMessage());
    }

    @Test
    void theSameRowsFromCsvAndFromParquetTrainToIdenticalCurves() throws IOException {
        Random r = new Random(11);
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            float x1 = (float) r.nextGaussian();
            float x2 = (float) r.nextGaussian();
            float y = 2 * x1 - x2 + 0.5f + 0.1f * (float) r.nextGaussian();
            csv.append(x1).append(',').append(x2).append(',').append(y).append('\n');
            rows.add(RowFactory.create(x1, x2, y));
        }
        Files.writeString(dir.resolve("same.csv"), csv);
        StructType schema = new StructType().add("x1", DataTypes.FloatType).add("x2", DataTypes.FloatType)
                .add("y", DataTypes.FloatType);
        parquetFile("same", spark.createDataFrame(rows, schema));

        SweepSpec fromCsv = spec("{csv: same.csv, features: [x1, x2], label: y}", "mse");
        SweepSpec fromParquet = spec("{parquet: same.parquet, features: [x1, x2], label: y}", "mse");
        PreparedData a = PreparedData.load(fromCsv);
        PreparedData b = PreparedData.load(fromParquet, spark);
        assertEquals(a.tables().get(0).get("sha256"), b.tables().get(0).get("sha256"), "the same fingerprint");
        TrainingData da = a.all().iterator().next();
        TrainingData db = b.all().iterator().next();
        assertArrayEquals(da.x(), db.x());
        assertArrayEquals(da.y(), db.y());

        Trial ta = AllTrials.of(fromCsv).get(0);
        Trial tb = AllTrials.of(fromParquet).get(0);
        double[] ca = new Dl4jTrialRunner(TrainingPlan.of(fromCsv.training(), fromCsv.convergence(), a.all())).run(ta, da).loss();
        double[] cb = new Dl4jTrialRunner(TrainingPlan.of(fromParquet.training(), fromParquet.convergence(), b.all()))
                .run(tb, db).loss();
        assertEquals(21, ca.length, "epoch 0 and 20 epochs");
        assertTrue(ca[20] < ca[0], "the curve is a real training curve");
        assertArrayEquals(ca, cb, "identical curves");
    }

    @Test
    void aSparkSourceInAListIsNamedByItsIndexThroughPreparedData() throws IOException {
        Files.writeString(dir.resolve("ok.csv"), "x,y\n0,1\n1,3\n");
        SweepSpec spec = spec("[{csv: ok.csv, features: [x], label: y}, {table: absent_view, features: [x], label: y}]",
                "mse");
        SpecException e = assertThrows(SpecException.class, () -> PreparedData.load(spec, spark));
        assertTrue(e.getMessage().startsWith("data[1].table must name a table or view in Spark's catalog"), e.getMessage());
    }

    @Test
    void aSpecWithASparkSourceNeedsTheSessionAndOneWithoutDoesNot() throws IOException {
        Files.writeString(dir.resolve("ok.csv"), "x,y\n0,1\n1,3\n");
        assertTrue(PreparedData.needsSpark(spec("{table: t, features: [x], label: y}", "mse")));
        assertEquals(false, PreparedData.needsSpark(spec("{csv: ok.csv, features: [x], label: y}", "mse")));
    }
}
