package io.lossgrid.search;

import java.util.Objects;

/**
 * What a boundary search found for one cell, from the probes that finished with all their seeds: the first
 * instability from below. {@code unstable} is the smallest learning rate whose probe was unstable;
 * {@code stable} the largest probe below it (all probes below {@code unstable} were stable).
 *
 * @param cell     the combination of the other axes
 * @param kind     bracketed, stable up to the top of the range, or unstable from its bottom
 * @param stable   the largest stable learning rate below {@code unstable}; null for {@link Kind#UNSTABLE_FROM}
 * @param unstable the smallest unstable learning rate; null for {@link Kind#STABLE_UP_TO}
 * @param trials   the trials the search ran for this cell (probes x seeds, unfinished probes included)
 */
public record Bracket(Cell cell, Kind kind, Double stable, Double unstable, int trials) {
    /** The three things a search can say about a cell. */
    public enum Kind {
        /** A stable probe below an unstable one: the critical learning rate lies between them. */
        BRACKETED {
            @Override
            String describe(Double stable, Double unstable) {
                return "critical lr between " + stable + " and " + unstable;
            }
        },
        /** No probe in the range was unstable: no boundary is claimed, only stability up to the largest probe. */
        STABLE_UP_TO {
            @Override
            String describe(Double stable, Double unstable) {
                return "stable up to lr = " + stable;
            }
        },
        /** Already the smallest probe (the bottom of the range) was unstable. */
        UNSTABLE_FROM {
            @Override
            String describe(Double stable, Double unstable) {
                return "unstable from lr = " + unstable;
            }
        };

        abstract String describe(Double stable, Double unstable);
    }

    public Bracket {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(kind, "kind");
        if ((stable == null) != (kind == Kind.UNSTABLE_FROM) || (unstable == null) != (kind == Kind.STABLE_UP_TO)) {
            throw new IllegalArgumentException(kind + " bracket of " + cell.describe() + ": stable " + stable
                    + " and unstable " + unstable + " do not fit the kind (only BRACKETED has both)");
        }
        if (stable != null && unstable != null && !(stable < unstable)) {
            throw new IllegalArgumentException("bracket of " + cell.describe() + ": stable lr must be below unstable lr, "
                    + "found " + stable + " >= " + unstable);
        }
        if (trials < 0) {
            throw new IllegalArgumentException("bracket of " + cell.describe() + ": trials must be >= 0, found " + trials);
        }
    }

    /** unstable / stable for a bracketed cell, NaN otherwise. */
    public double ratio() {
        return kind == Kind.BRACKETED ? unstable / stable : Double.NaN;
    }

    /** The critical learning rate's estimate, the geometric mean of the ends, for a bracketed cell; NaN otherwise. */
    public double critical() {
        return kind == Kind.BRACKETED ? Math.sqrt(stable * unstable) : Double.NaN;
    }

    /** True for a bracketed cell whose ratio is below {@code precision}. */
    public boolean within(double precision) {
        return ratio() < precision;
    }

    /** What was found, in words: {@code critical lr between 0.1 and 0.104}, {@code stable up to lr = 1000.0}. */
    public String describe() {
        return kind.describe(stable, unstable);
    }
}
