package io.lossgrid.spec;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.GridKeys;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code loss} field of a spec: names and maps, a list as an axis, what the resolved spec and trial ids hold. */
class LossAxisTest {

    @Test
    void aNameGivesThatLossWithItsDefaults() {
        assertEquals(List.of(new Loss.Bce()), SpecText.parseWith("loss", "bce").losses());
    }

    @Test
    void aMapGivesThatLossWithItsParameters() {
        assertEquals(List.of(new Loss.Focal(2.0, 0.25, List.of())),
                SpecText.parseWith("loss", "{name: focal, gamma: 2.0, balance: 0.25}").losses());
    }

    @Test
    void aListIsAnAxisInTheOrderWritten() {
        SweepSpec spec = SpecText.parseWith("loss", "[bce, {name: bce, posWeight: 9}, {name: focal, gamma: 2, balance: 0.25},"
                + " {name: xent, classWeights: [1, 9]}]");
        assertEquals(List.of("bce", "bce(posWeight=9.0)", "focal(gamma=2.0, balance=0.25)", "xent(classWeights=[1.0, 9.0])"),
                spec.losses().stream().map(Loss::name).toList());
        assertEquals(List.of("bce", "bce(posWeight=9.0)", "focal(gamma=2.0, balance=0.25)", "xent(classWeights=[1.0, 9.0])"),
                AllTrials.of(spec).stream().map(t -> t.loss().name()).toList());
    }

    @Test
    void twoEntriesOfOneNameAreRefusedEvenWhenWrittenDifferently() {
        assertRefused("loss[1] must differ from loss[0] (give each a distinct name), found \"bce\"", "loss",
                "[bce, {name: bce, posWeight: 1}]");
    }

    @Test
    void aBrokenParameterIsRefusedAtItsPathInTheAxis() {
        assertRefused("loss[1].gamma must be >= 0 and finite, found -1", "loss", "[mse, {name: focal, gamma: -1}]");
    }

    @Test
    void theResolvedSpecWritesEachLossAsASpecWouldAndReadsBackToTheSameSpec() {
        SweepSpec spec = SpecText.parseWith("loss", "[mse, {name: bce, posWeight: 9}, focal]");
        Object written = spec.toMap().get("loss");
        assertEquals(List.of("mse", Map.of("name", "bce", "posWeight", 9.0), Map.of("name", "focal", "gamma", 2.0)), written);
        for (Loss loss : spec.losses()) {
            assertEquals(loss, Loss.parse(new io.lossgrid.base.Node("loss", loss.toSpec())));
        }
    }

    @Test
    void anMseTrialHashesTheLossAsItsNameSoItsIdIsUnchanged() {
        Trial trial = AllTrials.of(SpecText.valid().parse()).get(0);
        assertEquals(GridKeys.idWithLoss(SpecText.valid().parse(), "mse"), trial.id());
    }

    @Test
    void aFocalTrialHashesItsParametersSoEachFocalLossHasItsOwnId() {
        SweepSpec spec = SpecText.parseWith("loss", "[{name: focal, gamma: 2}, {name: focal, gamma: 1}]");
        List<Trial> trials = AllTrials.of(spec);
        assertEquals(GridKeys.idWithLoss(spec, Map.of("name", "focal", "gamma", 2.0)), trials.get(0).id());
        assertNotEquals(trials.get(0).id(), trials.get(1).id());
    }
}
