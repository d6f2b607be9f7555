package io.lossgrid.store;

/** Where a sweep's results directory stands, as {@code sweep.json} records it. */
public enum RunState {
    /** A run is under way, or was interrupted (a crash leaves this state behind); {@code --resume} finishes it. */
    RUNNING,
    /** Every trial of the grid is committed. */
    COMPLETED,
    /** The run stopped early because too many trials FAILED ({@code limits.maxFailedShare}); the reason is recorded. */
    STOPPED
}
