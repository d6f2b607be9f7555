/**
 * The results boundary. {@link io.lossgrid.store.ResultStore} states the commit protocol every store keeps
 * (epochs, then trials, then the commit mark; whole batches, exactly once) and
 * {@link io.lossgrid.store.ResultDirectory} keeps it on a Hadoop file system in Hive-style
 * {@code DIR/<table>/batch=N} folders, with the views that read only committed batches. The Parquet schema
 * of the {@code trials} and {@code epochs} tables is declared once ({@link io.lossgrid.store.Tables}) and
 * written by {@link io.lossgrid.store.ParquetOutput}. Saved models ({@code output.models}) are staged by
 * {@link io.lossgrid.store.ModelFiles} and published with their batch's commit. {@code sweep.json} is typed records
 * ({@link io.lossgrid.store.SweepManifest}), and what a run does with a directory that holds results is a
 * {@link io.lossgrid.store.RunMode}. One run writes a store at a time ({@link io.lossgrid.store.RunLock}; for a
 * directory, a lock file with a lease, {@code DirectoryLock}); {@code --overwrite} deletes only what
 * {@code OutputLayout} recognises as lossgrid's; a file-system failure is a one-line
 * {@link io.lossgrid.store.StoreFailure}.
 */
package io.lossgrid.store;
