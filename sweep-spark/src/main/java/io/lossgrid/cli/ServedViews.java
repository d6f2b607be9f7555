package io.lossgrid.cli;

import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.ResultStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The query server's sessions, one per results directory it was asked about (the last {@value #KEPT}): each holds
 * the directory's views, registered once and again only when the directory changed (its {@code sweep.json}, rewritten
 * at every commit, or its list of committed batches). A call runs on a clone of it: the views come along, and what
 * the call sets or defines ({@code SET}, {@code CREATE TEMPORARY VIEW}, the analysis tables it reads) goes with the clone.
 */
final class ServedViews {
    /** Set in a served session to the directory whose views it holds: {@link Views#open} then registers none. */
    static final String REGISTERED = "lossgrid.server.views";
    static final int KEPT = 8;

    private final SparkSession base;
    private final Map<String, Served> served = new LinkedHashMap<>(16, 0.75f, true);

    private record Served(String print, SparkSession session) {
    }

    ServedViews(SparkSession base) {
        this.base = base;
    }

    /** A fresh session for a call over {@code dir}: with its current views when {@code dir} holds results. */
    SparkSession sessionFor(String dir) {
        ResultDirectory store = ResultDirectory.at(dir, base.sparkContext().hadoopConfiguration());
        String print = fingerprint(store);
        if (print == null) {
            served.remove(dir);
            return base.newSession();
        }
        Served s = served.get(dir);
        if (s == null || !s.print().equals(print)) {
            SparkSession session = base.newSession();
            store.registerViews(session);
            session.conf().set(REGISTERED, store.uri());
            s = new Served(print, session);
            served.put(dir, s);
            if (served.size() > KEPT) {
                served.remove(served.keySet().iterator().next());
            }
        }
        return s.session().cloneSession();
    }

    /** What tells one state of a directory's results from another; null when it holds none. */
    private String fingerprint(ResultDirectory store) {
        Path manifest = new Path(store.uri(), ResultStore.MANIFEST);
        try {
            FileStatus status = manifest.getFileSystem(base.sparkContext().hadoopConfiguration()).getFileStatus(manifest);
            List<Integer> batches = store.committedBatches();
            return status.getModificationTime() + " " + status.getLen() + " " + batches;
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }
}
