package io.lossgrid.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The data forms beyond CSV and generators as a spec writes them: parquet, spark, table and images. */
class DataSourceSpecTest {

    private static DataSpec parse(String yaml) {
        return DataSpecs.parse(new Node("data", new Yaml().load(yaml)));
    }

    private static void assertRefused(String message, String yaml) {
        assertEquals(message, assertThrows(SpecException.class, () -> parse(yaml)).getMessage());
    }

    @Test
    void aParquetEntryIsReadWithSparkAndNamedAfterItsFile() {
        SparkData d = (SparkData) parse("{parquet: data/train.parquet, features: [a, b], label: y}");
        assertEquals(FileSource.parquet("data/train.parquet"), d.source());
        assertEquals("train", d.name());
        assertTrue(d.readWithSpark());
        assertEquals(Map.of("name", "train", "parquet", "data/train.parquet", "features", List.of("a", "b"), "label", "y"),
                d.toMap());
    }

    @Test
    void aParquetDirectoryIsNamedAfterTheDirectory() {
        assertEquals("mnist", parse("{parquet: out/mnist/, features: [a], label: y}").name());
    }

    @Test
    void aSparkEntryKeepsFormatPathAndOptionsWithOptionsAsSortedText() {
        SparkData d = (SparkData) parse("{spark: {format: csv, path: d.csv, options: {inferSchema: true, header: true}},"
                + " features: [x], label: y}");
        FileSource s = (FileSource) d.source();
        assertEquals("csv", s.format());
        assertEquals(List.of("header", "inferSchema"), List.copyOf(s.options().keySet()));
        assertEquals("true", s.options().get("header"));
        assertEquals(Map.of("format", "csv", "path", "d.csv", "options", Map.of("header", "true", "inferSchema", "true")),
                d.toMap().get("spark"));
    }

    @Test
    void aRelativeSparkPathResolvesAgainstTheSpecDirectoryAndAUriIsKept() {
        assertEquals(Path.of("/specs/d.csv").toAbsolutePath().toString(),
                new FileSource(false, "csv", "d.csv", Map.of()).resolve(Path.of("/specs")));
        assertEquals("s3a://bucket/d.parquet", FileSource.parquet("s3a://bucket/d.parquet").resolve(Path.of("/specs")));
    }

    @Test
    void aTableEntryNamesACatalogTableAndTakesItsNameWithoutDatabase() {
        SparkData d = (SparkData) parse("{table: lake.iris, features: [a], label: y}");
        assertEquals(new CatalogSource("lake.iris"), d.source());
        assertEquals("iris", d.name());
    }

    @Test
    void anArrayColumnTakesAShapeOfChannelsHeightAndWidth() {
        SparkData d = (SparkData) parse("{parquet: m.parquet, features: pixels, label: digit, shape: [1, 28, 28]}");
        assertEquals(new ImageShape(1, 28, 28), d.shape());
        assertEquals(784, d.shape().pixels());
        assertEquals(List.of(1, 28, 28), d.toMap().get("shape"));
    }

    @Test
    void aShapeOfHeightAndWidthHasOneChannel() {
        assertEquals(new ImageShape(1, 4, 5), ((SparkData) parse("{table: t, features: p, label: y, shape: [4, 5]}")).shape());
    }

    @Test
    void anImagesEntryDefaultsToOneChannelAndIsNamedAfterItsFolder() {
        ImageFolderData d = (ImageFolderData) parse("{images: pics/, size: [32, 24]}");
        assertEquals(new ImageFolderData("pics", "pics/", 32, 24, 1), d);
        assertFalse(d.readWithSpark());
        assertEquals(java.util.Optional.of(new ImageShape(1, 32, 24)), d.imageShape());
        assertEquals(Map.of("name", "pics", "images", "pics/", "size", List.of(32, 24), "channels", 1), d.toMap());
    }

    @Test
    void aShapeWithSeveralFeatureColumnsIsRefused() {
        assertRefused("data.shape must come with exactly one (array) feature column, found 2 feature columns [a, b]; "
                + "name the array column alone in features", "{parquet: p, features: [a, b], label: y, shape: [2, 2]}");
    }

    @Test
    void aShapeOfFourSizesIsRefused() {
        assertRefused("data.shape must be 2 or 3 sizes, each >= 1, found [1, 2, 3, 4]",
                "{parquet: p, features: a, label: y, shape: [1, 2, 3, 4]}");
    }

    @Test
    void aSparkEntryWithoutFormatIsRefused() {
        assertRefused("data.spark.format is required (a DataFrameReader format such as csv or parquet), found nothing",
                "{spark: {path: d.csv}, features: [x], label: y}");
    }

    @Test
    void aSparkEntryWithoutPathIsRefused() {
        assertRefused("data.spark.path is required (a file or directory), found nothing",
                "{spark: {format: csv}, features: [x], label: y}");
    }

    @Test
    void aSparkOptionThatIsAMapIsRefused() {
        assertRefused("data.spark.options.header must be a string, number or boolean, found a map",
                "{spark: {format: csv, path: d.csv, options: {header: {a: 1}}}, features: [x], label: y}");
    }

    @Test
    void aSparkEntryThatIsNotAMapIsRefused() {
        assertRefused("data.spark must be a map such as {format: csv, path: d.csv, options: {header: true}}, found \"d.csv\"",
                "{spark: d.csv, features: [x], label: y}");
    }

    @Test
    void aTableEntryWithoutLabelIsRefused() {
        assertRefused("data.label is required (the label column, or the one-hot columns), found nothing",
                "{table: t, features: [x]}");
    }

    @Test
    void aLabelThatIsAlsoAFeatureIsRefused() {
        assertRefused("data.label must not also be a feature, found \"x\"", "{parquet: p, features: [x], label: x}");
    }

    @Test
    void anImagesEntryWithoutSizeIsRefused() {
        assertRefused("data.size is required for an image folder (such as [28, 28]), found nothing", "{images: pics}");
    }

    @Test
    void anImageSizeOfThreeNumbersIsRefused() {
        assertRefused("data.size must be [height, width], each between 1 and 10000, found [1, 2, 3]",
                "{images: pics, size: [1, 2, 3]}");
    }

    @Test
    void twoChannelsAreRefused() {
        assertRefused("data.channels must be 1 or 3, found 2", "{images: pics, size: [8, 8], channels: 2}");
    }

    @Test
    void parquetAndTableTogetherAreRefused() {
        assertRefused("data must have exactly one of csv (a file), parquet (a file or directory), spark (a DataFrameReader "
                + "read), table (a catalog table), images (a folder) or synthetic (a generator), found parquet and table",
                "{parquet: p, table: t, features: [x], label: y}");
    }

    @Test
    void aSparkSourceLoadedWithoutSparkSaysHowToLoadIt() {
        DataSpec d = parse("{parquet: d.parquet, features: [x], label: y}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.load(Path.of(".")));
        assertEquals("data \"d\" (parquet data \"d.parquet\") is read with Spark: load it through a SparkReader "
                + "(PreparedData.load(spec, spark))", e.getMessage());
    }
}
