package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;

/**
 * Trains a trial into a result. Never throws for a trial's own failure: an exception or a NaN becomes
 * a FAILED or DIVERGED result.
 */
public interface TrialRunner {
    TrialResult run(Trial trial, TrainingData data);
}
