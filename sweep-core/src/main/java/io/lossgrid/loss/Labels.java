package io.lossgrid.loss;

/** What a loss expects in the label matrix, which decides how a data set's label columns are prepared for it. */
public enum Labels {
    /** Targets to regress, used as they are; any number of columns. */
    VALUES,
    /**
     * Classes as one-hot rows: one label column of class indices (integers from 0) becomes K one-hot
     * columns; several label columns must be one-hot rows already.
     */
    ONE_HOT,
    /** 0 or 1 per column, used as they are (one column: a binary classifier; several: independent labels). */
    BINARY,
    /**
     * The focal loss's: one label column holding only 0 and 1 stays one output ({@link #BINARY}, the
     * sigmoid focal loss); a column of class indices with more than two classes, or several columns, is
     * prepared as {@link #ONE_HOT} (the softmax focal loss).
     */
    BINARY_OR_ONE_HOT;

    /** True when one label column of class indices may become one column per class. */
    public boolean widens() {
        return this == ONE_HOT || this == BINARY_OR_ONE_HOT;
    }
}
