package io.lossgrid.bench;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.train.TrainingPlan;
import java.nio.file.Path;
import java.util.List;

/** A spec's trials, data and plan, loaded as the engine loads them, for benchmarks outside Spark. */
record Workloads(SweepSpec spec, List<Trial> trials, TrainingData data, TrainingPlan plan) {

    static Workloads load(Path specFile) {
        SweepSpec spec = SpecLoader.load(specFile);
        return of(spec);
    }

    static Workloads parse(String yaml) {
        return of(SpecLoader.parse(yaml, Path.of(".")));
    }

    private static Workloads of(SweepSpec spec) {
        if (spec.data().size() != 1 || spec.losses().size() != 1) {
            throw new IllegalArgumentException("benchmarks take one data set and one loss");
        }
        TrainingData data = spec.data().get(0).load(spec.baseDir()).prepare(spec.losses().get(0));
        return new Workloads(spec, AllTrials.of(spec), data,
                TrainingPlan.of(spec.training(), spec.convergence(), List.of(data)));
    }
}
