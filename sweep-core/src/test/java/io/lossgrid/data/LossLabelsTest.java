package io.lossgrid.data;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.lossgrid.loss.Loss;
import io.lossgrid.spec.Limits;
import io.lossgrid.spec.SpecText;
import io.lossgrid.spec.SweepSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** How a table's labels are prepared for each loss ({@code Loss.labels()}), and each refusal's message. */
class LossLabelsTest {

    private static Table table(List<String> labels, float... y) {
        int rows = y.length / labels.size();
        return new Table("t", "data.label", rows, List.of("x"), new float[rows], labels, y);
    }

    private static final Loss.Focal SIGMOID_FOCAL = new Loss.Focal(2.0, 0.25, List.of());

    @Test
    void underMaeTheLabelsAreTheTargets() {
        Table t = table(List.of("y"), 0.5f, -2f);
        TrainingData d = t.prepare(new Loss.Mae());
        assertSame(t.y(), d.y());
        assertEquals(1, d.outputs());
        assertEquals("t|mae", d.key());
    }

    @Test
    void underBceZeroOneLabelsStayOneOutput() {
        Table t = table(List.of("y"), 0, 1, 1, 0);
        TrainingData d = t.prepare(new Loss.Bce(9.0));
        assertSame(t.y(), d.y());
        assertEquals(1, d.outputs());
        assertEquals("t|bce(posWeight=9.0)", d.key());
    }

    @Test
    void underBceALabelOtherThanZeroOrOneIsRefusedNamingTheRow() {
        Table t = table(List.of("y"), 0, 1, 2, 0);
        assertRefused("data.label must hold 0 or 1 for loss bce, found 2.0 in row 3", () -> t.prepare(new Loss.Bce()));
    }

    @Test
    void underBceSeveralColumnsAreIndependentLabelsAndABadOneIsNamedByColumn() {
        assertEquals(2, table(List.of("a", "b"), 0, 1, 1, 1).prepare(new Loss.Bce()).outputs());
        Table t = table(List.of("a", "b"), 0, 1, 1, 0.5f);
        assertRefused("data.label must hold 0 or 1 for loss bce, found 0.5 in row 2 (column \"b\")",
                () -> t.prepare(new Loss.Bce()));
    }

    @Test
    void underFocalZeroOneLabelsStayOneOutputForTheSigmoidFocalLoss() {
        TrainingData d = table(List.of("y"), 1, 0, 0).prepare(SIGMOID_FOCAL);
        assertEquals(1, d.outputs());
        assertArrayEquals(new float[] {1, 0, 0}, d.y());
        assertEquals("t|focal(gamma=2.0, balance=0.25)", d.key());
    }

    @Test
    void underFocalThreeClassesBecomeOneHotRowsForTheSoftmaxFocalLoss() {
        TrainingData d = table(List.of("y"), 2, 0, 1).prepare(new Loss.Focal(2.0, null, List.of()));
        assertEquals(3, d.outputs());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, d.y());
    }

    @Test
    void underFocalWithClassWeightsZeroOneLabelsBecomeTwoOneHotColumns() {
        TrainingData d = table(List.of("y"), 1, 0).prepare(new Loss.Focal(2.0, null, List.of(1.0, 9.0)));
        assertEquals(2, d.outputs());
        assertArrayEquals(new float[] {0, 1, 1, 0}, d.y());
    }

    @Test
    void underFocalAFractionalClassIndexIsRefusedNamingTheRow() {
        Table t = table(List.of("y"), 0, 2, 0.5f);
        assertRefused("data.label must hold class indices (integers from 0) for loss focal(gamma=2.0), found 0.5 in row 3",
                () -> t.prepare(new Loss.Focal(2.0, null, List.of())));
    }

    @Test
    void aClassIndexBeyondTheClassWeightsIsRefusedNamingTheRow() {
        Table t = table(List.of("y"), 0, 1, 2);
        assertRefused("data.label must hold class indices below 2 for loss xent(classWeights=[1.0, 9.0]) (one class weight "
                + "per class), found 2 in row 3", () -> t.prepare(new Loss.Xent(List.of(1.0, 9.0))));
    }

    @Test
    void aClassIndexBeyondTheMostClassesIsRefusedNamingTheRow() {
        Table t = table(List.of("y"), 0, 100_000);
        assertRefused("data.label must hold class indices below 100000 for loss xent, found 100000 in row 2",
                () -> t.prepare(new Loss.Xent()));
    }

    @Test
    void moreClassWeightsThanClassesAreRefusedNamingBothAndTheLossInTheSpec() {
        Table t = table(List.of("y"), 0, 1, 1);
        assertRefused("loss.classWeights must hold one weight per class (2 classes), found 3 weights for data \"t\" "
                + "(data.label)", () -> t.prepare(new Loss.Xent(List.of(1.0, 2.0, 3.0))));
    }

    @Test
    void aLossParameterThatDoesNotFitTheDataIsReportedAtItsIndexInTheLossAxis() {
        SweepSpec spec = SpecText.valid().with("loss", "[xent, {name: xent, classWeights: [1, 2, 3, 4]}]")
                .with("data", "{synthetic: {generator: blobs, classes: 3}}").parse();
        Table blobs = spec.data().get(0).load(null);
        assertRefused("loss[1].classWeights must hold one weight per class (3 classes), found 4 weights for data \"blobs\" "
                + "(data.synthetic)", () -> spec.prepare(blobs));
    }

    @Test
    void balanceOnSoftmaxFocalIsRefusedOnceTheDataShowsClasses() {
        Table t = table(List.of("y"), 0, 1, 2);
        assertRefused("loss.balance applies to one output (sigmoid focal), not to 3 outputs (softmax focal); use "
                + "classWeights, found 0.25 for data \"t\" (data.label)", () -> t.prepare(SIGMOID_FOCAL));
    }

    @Test
    void aSpecPreparesItsDataForEachLossInOrder() {
        SweepSpec spec = SpecText.valid().with("loss", "[bce, {name: xent, classWeights: [1, 9]}, "
                        + "{name: focal, gamma: 2, balance: 0.25}]")
                .with("data", "{synthetic: {generator: blobs, classes: 2, samples: 10}}").parse();
        List<TrainingData> prepared = spec.prepare(spec.data().get(0).load(null));
        assertEquals(List.of("blobs|bce", "blobs|xent(classWeights=[1.0, 9.0])", "blobs|focal(gamma=2.0, balance=0.25)"),
                prepared.stream().map(TrainingData::key).toList());
        assertEquals(List.of(1, 2, 1), prepared.stream().map(TrainingData::outputs).toList());
    }

    @Test
    void oneHotLabelsBeyondTheDataLimitAreRefusedBeforeTheyAreAllocated() {
        Table t = table(List.of("y"), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Limits limits = new Limits(100, 0.5, 300);
        assertRefused("data must fit in limits.maxDataBytes = 300 bytes (its x and y arrays as float), found 440 bytes "
                + "(10 rows x (1 inputs + 10 outputs) x 4 bytes)",
                () -> t.prepare(new Loss.Xent(), DataType.FLOAT, "loss", limits::checkDataSize));
        assertEquals(10, t.prepare(new Loss.Xent(), DataType.FLOAT, "loss", new Limits(100, 0.5, 440)::checkDataSize)
                .outputs(), "440 bytes fit a limit of 440");
    }
}
