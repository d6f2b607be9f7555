package io.lossgrid.data;

import io.lossgrid.loss.Loss;

/**
 * The key under which a trial finds its {@link TrainingData}: the data set's name and the loss (a loss
 * decides how labels are encoded). Kept apart from {@code TrainingData} so that trials name their data
 * without loading ND4J.
 */
public final class DataKey {
    private DataKey() {
    }

    /** {@code <data name>|<loss name>}, such as {@code blobs|focal(gamma=2.0, balance=0.25)}. */
    public static String of(String dataName, Loss loss) {
        return dataName + "|" + loss.name();
    }
}
