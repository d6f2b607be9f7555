package io.lossgrid.train;

import io.lossgrid.spec.ModelOutput;
import java.io.Serializable;
import java.util.Objects;

/**
 * Which network of each trial is saved, and where.
 *
 * @param output none, the final network or the one at the smallest loss recorded
 * @param sink   where a saved network goes; never called when {@code output} is none
 */
public record Models(ModelOutput output, ModelSink sink) implements Serializable {
    /** No model is saved. */
    public static final Models NONE = new Models(ModelOutput.NONE, (trial, net) -> {
        throw new IllegalStateException("no model is saved (output.models: none), found a save of " + trial.id());
    });

    public Models {
        Objects.requireNonNull(output, "models.output");
        Objects.requireNonNull(sink, "models.sink");
    }
}
