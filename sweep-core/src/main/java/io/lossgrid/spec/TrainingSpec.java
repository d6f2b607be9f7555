package io.lossgrid.spec;

import io.lossgrid.base.Node;
import io.lossgrid.base.SpecException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How each trial trains.
 *
 * @param epochs    passes over the data; the loss curve has {@code epochs + 1} points (0 is before any update)
 * @param batchSize examples per update, or {@link #FULL_BATCH} for one full-batch update per epoch
 * @param dataType  the precision of parameters and arithmetic: {@code float} (default) or {@code double}
 */
public record TrainingSpec(int epochs, int batchSize, DataType dataType) implements Serializable {
    public static final int FULL_BATCH = 0;
    public static final int MAX_EPOCHS = 1_000_000;

    public TrainingSpec {
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw SpecException.of("epochs", "must be between 1 and " + MAX_EPOCHS, epochs);
        }
        if (batchSize < 0) {
            throw SpecException.of("batchSize", "must be >= 1 or \"full\"", batchSize);
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw SpecException.of("dtype", "must be float or double", String.valueOf(dataType).toLowerCase(Locale.ROOT));
        }
    }

    public boolean fullBatch() {
        return batchSize == FULL_BATCH;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batchSize", fullBatch() ? "full" : batchSize);
        m.put("dtype", dataType.name().toLowerCase(Locale.ROOT));
        return m;
    }

    static TrainingSpec parse(Node node) {
        Map<String, Node> f = node.map(java.util.Set.of("epochs", "batchSize", "dtype"));
        Node epochsNode = f.get("epochs");
        if (epochsNode == null) {
            throw new SpecException(node.path() + ".epochs", "is required", "nothing");
        }
        int epochs = epochsNode.intValue();
        int batch = FULL_BATCH;
        Node b = f.get("batchSize");
        if (b != null) {
            if ("full".equals(b.raw())) {
                batch = FULL_BATCH;
            } else if (b.raw() instanceof Number) {
                batch = b.intValue();
                if (batch < 1) {
                    throw b.error("must be >= 1 or \"full\"");
                }
            } else {
                throw b.error("must be a positive integer or \"full\"");
            }
        }
        DataType type = DataType.FLOAT;
        Node d = f.get("dtype");
        if (d != null) {
            String s = d.string();
            if (s.equals("double")) {
                type = DataType.DOUBLE;
            } else if (!s.equals("float")) {
                throw d.error("must be float or double");
            }
        }
        int batchSize = batch;
        DataType dataType = type;
        return node.build(() -> new TrainingSpec(epochs, batchSize, dataType));
    }
}
