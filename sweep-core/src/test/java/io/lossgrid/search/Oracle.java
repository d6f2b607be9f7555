package io.lossgrid.search;

import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.SpecText;
import io.lossgrid.spec.SweepSpec;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Test helper: searches whose trials end by a known rule instead of training, so that every bracket is known. */
final class Oracle {
    private Oracle() {
    }

    /** A spec of the given grid and search (one small linear data set, mse, 5 epochs). */
    static SweepSpec spec(String grid, String search) {
        return SpecText.valid().with("grid", grid).with("search", search).parse();
    }

    /** Runs each trial by {@code status}. */
    static Function<List<Trial>, List<Finished>> by(Function<Trial, Status> status) {
        return trials -> trials.stream().map(t -> new Finished(t.id(), t.round(), t.alpha(), t.learningRate(), t.seed(),
                status.apply(t))).toList();
    }

    /** DIVERGED above a threshold of α·lr given per trial, CONVERGED at or below it. */
    static Function<List<Trial>, List<Finished>> divergesAbove(ToDoubleFunction<Trial> threshold) {
        return by(t -> t.effectiveLearningRate() > threshold.applyAsDouble(t) ? Status.DIVERGED : Status.CONVERGED);
    }
}
