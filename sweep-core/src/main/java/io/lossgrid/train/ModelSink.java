package io.lossgrid.train;

import io.lossgrid.grid.Trial;
import java.io.IOException;
import java.io.Serializable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Where a trial's saved network goes ({@code output.models}); serialisable, so that a Spark task carries it.
 * An implementation writes the network where its store commits it with the trial's row, never where a reader
 * could see it before.
 */
@FunctionalInterface
public interface ModelSink extends Serializable {
    /**
     * Saves {@code net} as {@code trial}'s model and returns the path the trials table names it by
     * ({@code models/<trial_id>.zip}, relative to the results directory).
     *
     * @throws IOException when it cannot be written: the trial becomes FAILED, naming the cause
     */
    String save(Trial trial, MultiLayerNetwork net) throws IOException;
}
