package io.lossgrid.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.base.SpecException;
import io.lossgrid.loss.Loss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The hold-out split and separate validation sets. */
class HoldoutTest {
    /** 100 examples, 90 of class 0 and 10 of class 1; feature x is the row number, so rows can be traced. */
    private static Table imbalanced() {
        float[] x = new float[100];
        float[] y = new float[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i;
            y[i] = i % 10 == 3 ? 1 : 0;
        }
        return new Table("d", "data.label", 100, List.of("x"), x, List.of("y"), y);
    }

    private static Validated share(double share, long seed) {
        return new Validated(new BlobsData(null, 10, 2, 2, 3, 1, 0), new Validation.Share(share, seed));
    }

    private static Holdout split(Table t, double share, long seed, boolean stratify) {
        return Holdout.of(share(share, seed), t, stratify, List.of(), null, SizeGuard.UNLIMITED, SparkReader.NONE);
    }

    private static List<Float> column(float[] v) {
        List<Float> out = new ArrayList<>();
        for (float f : v) {
            out.add(f);
        }
        return out;
    }

    @Test
    void aStratifiedShareHoldsOutThatShareOfEveryClass() {
        Holdout h = split(imbalanced(), 0.2, 0, true);
        assertEquals(80, h.training().rows());
        assertEquals(20, h.validation().rows());
        long positives = column(h.validation().y()).stream().filter(v -> v == 1).count();
        assertEquals(2, positives, "20 % of the 10 examples of class 1");
    }

    @Test
    void thePartsAreDisjointAndTogetherHoldEveryExampleInTheirOrder() {
        Holdout h = split(imbalanced(), 0.3, 5, true);
        Set<Float> seen = new HashSet<>(column(h.training().x()));
        for (float v : h.validation().x()) {
            assertTrue(seen.add(v), "row " + v + " is in one part only");
        }
        assertEquals(100, seen.size());
        List<Float> val = column(h.validation().x());
        assertEquals(val.stream().sorted().toList(), val, "the validation part keeps the data's order");
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Holdout a = split(imbalanced(), 0.2, 7, true);
        Holdout b = split(imbalanced(), 0.2, 7, true);
        Holdout c = split(imbalanced(), 0.2, 8, true);
        assertArrayEquals(a.validation().x(), b.validation().x());
        assertNotEquals(column(a.validation().x()), column(c.validation().x()));
    }

    @Test
    void anUnstratifiedShareIsASeededShareOfAllExamples() {
        Holdout h = split(imbalanced(), 0.25, 3, false);
        assertEquals(25, h.validation().rows());
        assertArrayEquals(h.validation().x(), split(imbalanced(), 0.25, 3, false).validation().x());
    }

    @Test
    void aShareLeavingAClassWithoutAValidationExampleIsRefusedNamingTheClass() {
        var e = assertThrows(SpecException.class, () -> split(imbalanced(), 0.04, 0, true));
        assertEquals("data.validation must leave every class at least one example in both the training and the validation"
                + " part, found class 1 with 10 examples, 0 of them held out by share 0.04; change the share or give the"
                + " class more examples", e.getMessage());
    }

    @Test
    void aShareLeavingAClassWithoutATrainingExampleNamesTheClassFolder() {
        Validated v = share(0.97, 0);
        var e = assertThrows(SpecException.class, () -> Holdout.of(v, imbalanced(), true, List.of("cat", "dog"), null,
                SizeGuard.UNLIMITED, SparkReader.NONE));
        assertEquals("data.validation must leave every class at least one example in both the training and the validation"
                + " part, found class 1 (\"dog\") with 10 examples, 10 of them held out by share 0.97; change the share or"
                + " give the class more examples", e.getMessage());
    }

    @Test
    void anUnstratifiedShareLeavingNoValidationExampleIsRefused() {
        Table three = new Table("d", "data.label", 3, List.of("x"), new float[3], List.of("y"), new float[3]);
        var e = assertThrows(SpecException.class, () -> split(three, 0.1, 0, false));
        assertEquals("data.validation must leave at least one example in both the training and the validation part,"
                + " found share 0.1 of 3 examples holding out 0; change the share", e.getMessage());
    }

    @Test
    void aSeparateSetIsReadAsADataEntry(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("val.csv"), "x,y\n1,0\n2,1\n");
        Validated v = new Validated(new CsvData(null, "train.csv", List.of("x"), List.of("y")),
                new Validation.Separate(new CsvData(null, "val.csv", List.of("x"), List.of("y"))));
        Holdout h = Holdout.of(v, imbalanced(), true, List.of(), dir, SizeGuard.UNLIMITED, SparkReader.NONE);
        assertEquals(100, h.training().rows(), "all of the training set trains");
        assertArrayEquals(new float[] {1, 2}, h.validation().x());
    }

    @Test
    void aMissingSeparateFileIsRefusedAtTheValidationEntry(@TempDir Path dir) {
        Validated v = new Validated(new CsvData(null, "train.csv", List.of("x"), List.of("y")),
                new Validation.Separate(new CsvData(null, "val.csv", List.of("x"), List.of("y"))));
        var e = assertThrows(SpecException.class, () -> Holdout.of(v, imbalanced(), true, List.of(), dir,
                SizeGuard.UNLIMITED, SparkReader.NONE));
        assertTrue(e.getMessage().startsWith("data.validation.csv must name a readable file (relative paths start at the"
                + " spec's directory), found \"val.csv\""), e.getMessage());
    }

    @Test
    void aSeparateSetWithOtherFeaturesIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("val.csv"), "a,b,y\n1,2,0\n");
        Validated v = new Validated(new CsvData(null, "train.csv", List.of("x"), List.of("y")),
                new Validation.Separate(new CsvData(null, "val.csv", List.of("a", "b"), List.of("y"))));
        var e = assertThrows(SpecException.class, () -> Holdout.of(v, imbalanced(), true, List.of(), dir,
                SizeGuard.UNLIMITED, SparkReader.NONE));
        assertEquals("data.validation must have the training set's features, label and shape (1 feature column [x], 1"
                + " label column [y]), found 2 feature columns [a, b], 1 label column [y]; give the validation set the"
                + " training set's columns", e.getMessage());
    }

    @Test
    void aValidationSetLackingTheLastClassGetsOneHotRowsOfTheTrainingWidth() {
        Table train = new Table("d", "data.label", 3, List.of("x"), new float[] {0, 1, 2}, List.of("y"),
                new float[] {0, 1, 2});
        Table val = new Table("d", "data.label", 2, List.of("x"), new float[] {0, 1}, List.of("y"), new float[] {0, 1});
        Holdout h = new Holdout(train, val);
        TrainingData t = train.prepare(new Loss.Xent(), DataType.FLOAT);
        TrainingData withVal = h.attach(t, val.prepare(new Loss.Xent(), DataType.FLOAT));
        assertEquals(3, withVal.validation().outputs());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, withVal.validation().y());
    }

    @Test
    void aValidationClassOutsideTheTrainingClassesIsRefused() {
        Table train = new Table("d", "data.label", 2, List.of("x"), new float[2], List.of("y"), new float[] {0, 1});
        Table val = new Table("d", "data.label", 3, List.of("x"), new float[3], List.of("y"), new float[] {0, 1, 2});
        Holdout h = new Holdout(train, val);
        var e = assertThrows(SpecException.class, () -> h.attach(train.prepare(new Loss.Xent(), DataType.FLOAT),
                val.prepare(new Loss.Xent(), DataType.FLOAT)));
        assertEquals("data.validation must hold class indices of the training set's 2 classes, found 2.0 in row 3",
                e.getMessage());
    }
}
