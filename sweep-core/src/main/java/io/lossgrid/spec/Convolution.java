package io.lossgrid.spec;

import io.lossgrid.base.SpecException;
import java.io.Serializable;
import java.util.List;

/**
 * The convolutional part of a {@code cnn} model: one block per entry of {@code filters}, each a
 * {@code kernel x kernel} convolution with that many filters (stride 1, same padding), optional batch
 * normalisation, the model's activation, then {@code pool x pool} max pooling (none when {@code pool} is 1).
 * The fields are declared once in {@link ModelSpec} ({@link ModelSpec#CONV} and the fields after it).
 *
 * @param filters   filters of each block, in order
 * @param kernel    side of every convolution kernel
 * @param pool      side (and stride) of every max pooling window; 1 for none
 * @param batchNorm whether batch normalisation follows each convolution
 * @param dropout   the probability of dropping an input of each dense layer (0 for none)
 */
public record Convolution(List<Integer> filters, int kernel, int pool, boolean batchNorm, double dropout)
        implements Serializable {

    public Convolution {
        filters = List.copyOf(filters);
        if (filters.isEmpty()) {
            throw SpecException.of(ModelSpec.CONV.key(), "must list at least one block (filters such as [8, 16])", filters);
        }
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i) < 1 || filters.get(i) > ModelSpec.MAX_FILTERS) {
                throw SpecException.of(ModelSpec.CONV.key() + "[" + i + "]", ModelSpec.CONV.rules().get(0).text(),
                        filters.get(i));
            }
        }
        ModelSpec.KERNEL.check(kernel);
        ModelSpec.POOL.check(pool);
        ModelSpec.DROPOUT.check(dropout);
    }

    /**
     * The side of the square feature map after every block, for an input of side {@code side}: each pooling
     * divides it by {@code pool}, rounding down. Below 1 the blocks do not fit the image.
     */
    public int outputSide(int side) {
        int s = side;
        for (int ignored : filters) {
            s /= pool;
        }
        return s;
    }
}
