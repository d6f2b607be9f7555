package io.lossgrid.store;

import io.lossgrid.grid.Trial;
import io.lossgrid.train.ModelSink;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saved models of a results directory ({@code output.models}), under the commit protocol of its tables: a task
 * (or the driver, for a distributed trial) writes a trial's network with DL4J's {@link ModelSerializer} (without
 * the updater's state) into the hidden staging folder {@code DIR/models/.staging/}; {@link ResultDirectory#commit}
 * moves the staged files to {@code DIR/models/<trial_id>.zip} only after the batch's trials are committed, so a
 * model whose trial is not committed is never visible there. A run that stops between the two leaves them
 * staged: a resume moves those of committed trials and deletes the rest ({@link ResultDirectory#removeUncommitted}),
 * and a trial trained again overwrites its own file, so no model is left twice.
 */
public final class ModelFiles implements ModelSink {
    /** The models folder, relative to the results directory. */
    public static final String DIR = "models";
    /** The staging folder, relative to the models folder (hidden from plain readers). */
    static final String STAGING = ".staging";
    /** A saved model's file name ends so. */
    public static final String SUFFIX = ".zip";

    private final String staging;
    private final SerializableConfiguration conf;

    ModelFiles(Path staging, Configuration conf) {
        this.staging = staging.toString();
        this.conf = new SerializableConfiguration(conf);
    }

    /** The path the trials table names a trial's model by, relative to the results directory. */
    public static String relativePath(String trialId) {
        return DIR + "/" + trialId + SUFFIX;
    }

    @Override
    public String save(Trial trial, MultiLayerNetwork net) throws IOException {
        Path p = new Path(staging, trial.id() + SUFFIX);
        FileSystem fs = p.getFileSystem(conf.value());
        // Without a checksum sibling (.<id>.zip.crc), like sweep.json: the file is opened by other tools too.
        FileSystem raw = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        try (OutputStream out = raw.create(p, true)) {
            ModelSerializer.writeModel(net, out, false);
        }
        return relativePath(trial.id());
    }
}
