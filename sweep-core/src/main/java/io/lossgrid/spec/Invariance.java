package io.lossgrid.spec;

/** Which change of α an optimizer should not notice, on paper. */
public enum Invariance {
    /** Updates depend on α and the learning rate only through α·lr (plain SGD, momentum). */
    EFFECTIVE_LR,
    /** Updates depend on the gradient's direction and relative size, not α (Adam, RMSProp, AdaGrad...), until ε matters. */
    ALPHA
}
