package io.lossgrid.testing;

import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small specs for tests: cheap synthetic problems, a few trials each. */
public final class Specs {
    private Specs() {
    }

    /**
     * 8 trials on y = 2x + 1 + noise: linear (zero init) and an mlp whose identity init DL4J refuses on a
     * non-square layer (FAILED), sgd, α in {1, 10}, lr in {0.01, 2.0}; α = 10 at lr 2.0 diverges.
     */
    public static final String MIXED = """
            name: mixed
            data: {synthetic: {generator: linear, samples: 64, noise: 0.1, seed: 3}}
            model:
              - {type: linear, weightInit: zero}
              - {type: mlp, name: bad-init, hidden: [3], weightInit: identity}
            loss: mse
            training: {epochs: 30}
            grid: {alpha: [1, 10], learningRate: [0.01, 2.0], optimizer: [sgd], seed: [7]}
            """;

    public static SweepSpec parse(String yaml) {
        return SpecLoader.parse(yaml, Path.of("."));
    }

    public static Path write(Path dir, String name, String yaml) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, yaml);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
