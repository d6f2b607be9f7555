package io.lossgrid.data;

import io.lossgrid.loss.LossKind;

/**
 * The key under which a trial finds its {@link TrainingData}: the data set's name and the loss (a loss
 * decides how labels are encoded). Kept apart from {@code TrainingData} so that trials name their data
 * without loading ND4J.
 */
public final class DataKey {
    private DataKey() {
    }

    public static String of(String dataName, LossKind loss) {
        return dataName + "|" + loss.key();
    }
}
