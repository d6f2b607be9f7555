package io.lossgrid.search;

import io.lossgrid.data.DataSpec;
import io.lossgrid.grid.Grid;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import java.util.Map;
import java.util.Objects;

/**
 * One combination of the axes a boundary search does not bisect: data, model, loss, optimizer and α. Seeds
 * replicate each of its probes.
 *
 * @param index     its position among the search's cells (data, model, loss, optimizer, α, outermost first)
 * @param data      the data set
 * @param model     the model
 * @param loss      the loss
 * @param optimizer the optimizer with its hyperparameters
 * @param alpha     the loss scale
 */
public record Cell(int index, DataSpec data, ModelSpec model, Loss loss, Optimizer optimizer, double alpha) {
    public Cell {
        if (index < 0) {
            throw new IllegalArgumentException("a cell's index must be >= 0, found " + index);
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("a cell's alpha must be > 0 and finite, found " + alpha);
        }
    }

    /** The trial probing this cell at {@code learningRate} with {@code seed}, its id from its content. */
    public Trial probe(double learningRate, long seed, Map<String, Object> training, int index, int round) {
        return Grid.trial(data, model, loss, optimizer, alpha, learningRate, seed, training, index, round);
    }

    /** The cell as it reads in a report: {@code linear/linear/mse/sgd alpha=10.0}. */
    public String describe() {
        return data.name() + "/" + model.name() + "/" + loss.name() + "/" + optimizer.describe() + " alpha=" + alpha;
    }
}
