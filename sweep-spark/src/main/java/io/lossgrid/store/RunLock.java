package io.lossgrid.store;

/**
 * The exclusive right to write a results store for the life of one run ({@link ResultStore#lock}). Held
 * from before the store is opened until the run ends; {@link #close} gives it back. Readers never take it.
 */
public interface RunLock extends AutoCloseable {
    /** Who holds the lock, for messages: {@code host H, pid P}. */
    String owner();

    /** Gives the lock back; a second call does nothing. Never throws for a lock already lost. */
    @Override
    void close();
}
