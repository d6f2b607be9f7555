package io.lossgrid.base;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One rule a field's value must obey, with the words an error uses for it ({@code must be >= 1}).
 *
 * @param text the rule as it reads in an error and in the README, starting with "must"
 * @param test true for a value that obeys the rule; it must be false for NaN where NaN is not allowed
 */
public record Rule<T>(String text, Predicate<? super T> test) {
    public Rule {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(test, "test");
    }
}
