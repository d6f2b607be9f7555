package io.lossgrid.cli;

import io.lossgrid.base.SpecException;
import io.lossgrid.device.GpuRequest;
import io.lossgrid.job.PreparedData;
import io.lossgrid.job.RunHalted;
import io.lossgrid.job.RunOptions;
import io.lossgrid.job.SweepJob;
import io.lossgrid.job.Summary;
import io.lossgrid.store.RunMode;
import io.lossgrid.store.StoreFailure;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Run a sweep spec; results go to DIR/trials, DIR/epochs (Parquet) and DIR/sweep.json.")
final class RunCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep spec (YAML)")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", description = "results directory (default: out/<spec name>)")
    String out;

    @picocli.CommandLine.Mixin
    MasterOption master;

    @ArgGroup(exclusive = true)
    ModeOptions mode = new ModeOptions();

    static final class ModeOptions {
        @Option(names = "--resume", description = "finish an interrupted sweep in DIR; committed trials are not trained again")
        boolean resume;

        @Option(names = "--overwrite", description = "delete what DIR holds and start again")
        boolean overwrite;

        @Option(names = "--rerun-failed", description = "train again only the FAILED trials in DIR (and any not yet committed)")
        boolean rerunFailed;

        RunMode mode() {
            return resume ? RunMode.RESUME : overwrite ? RunMode.OVERWRITE : rerunFailed ? RunMode.RERUN_FAILED
                    : RunMode.FRESH;
        }
    }

    @Option(names = "--batch-trials", paramLabel = "N", defaultValue = "0",
            description = "trials per commit batch; 0 sizes batches to commit about every --commit-seconds (default: ${DEFAULT-VALUE})")
    int batchTrials;

    @Option(names = "--commit-seconds", paramLabel = "S", defaultValue = "" + RunOptions.DEFAULT_COMMIT_SECONDS,
            description = "aimed-for seconds between commits with automatic batches (default: ${DEFAULT-VALUE})")
    double commitSeconds;

    @Option(names = "--tasks-per-core", paramLabel = "N", defaultValue = "" + RunOptions.DEFAULT_TASKS_PER_CORE,
            description = "Spark tasks per core in each batch (default: ${DEFAULT-VALUE})")
    int tasksPerCore;

    /** Null when not given: on, except for distributed trials, which are never packed. */
    @Option(names = "--packing", paramLabel = "on|off", arity = "1",
            description = "train alike trials together, a pack per ND4J op: linear full-batch trials, and networks"
                    + " (mlp) of one shape and optimizer (default: on; distributed trials are never packed)")
    String packing;

    @Option(names = "--pack-bytes", paramLabel = "SIZE", defaultValue = "auto",
            description = "the most memory one pack of networks may take (parameters, optimizer state, activations):"
                    + " bytes, or with k, m, g (KiB, MiB, GiB) such as 256m; auto: a quarter of each task slot's share"
                    + " of the executor's heap, at most " + (io.lossgrid.train.Trainer.DEFAULT_PACK_BYTES >> 20)
                    + "m (default: ${DEFAULT-VALUE})")
    String packBytes;

    @Option(names = "--gpus-per-task", paramLabel = "X",
            description = "GPUs each task asks Spark for: 1, 2, ... or 1/K so that K tasks share a GPU; needs a cluster"
                    + " whose workers advertise GPUs (default: none)")
    String gpusPerTask;

    @Option(names = "--gpus-per-executor", paramLabel = "N", defaultValue = "1",
            description = "GPUs each executor asks for, with --gpus-per-task; give the GPUs of a worker when it runs one"
                    + " executor (default: ${DEFAULT-VALUE})")
    int gpusPerExecutor;

    @Override
    public Integer call() {
        if (packing != null && !packing.equals("on") && !packing.equals("off")) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(),
                    "--packing must be on or off, found " + packing);
        }
        GpuRequest gpus = gpuRequest();
        if (gpus != null) {
            gpus.sparkConf().forEach(master.conf::putIfAbsent); // a --conf of the same key wins
        }
        SweepSpec spec = SpecLoader.load(specFile);
        if (spec.training().isDistributed() && "on".equals(packing)) {
            throw new SpecException("training.distributed", "must not be combined with --packing on (distributed trials"
                    + " are never packed)", "--packing on", "leave --packing out, or set it off");
        }
        // Data that needs no Spark is read now, so a bad file is refused before Spark starts.
        PreparedData local = PreparedData.needsSpark(spec) ? null : PreparedData.load(spec);
        String dir = out != null ? out : Path.of("out", spec.name()).toString();
        RunOptions options = new RunOptions(dir, mode.mode(), batchTrials, commitSeconds, tasksPerCore,
                !"off".equals(packing), packBytes());
        java.io.PrintWriter stdout = command.commandLine().getOut();
        java.io.PrintStream log = new java.io.PrintStream(new WriterStream(command.commandLine().getErr()), true);
        Sessions.warmUpNd4jIfLocal(master.master);
        try (Sessions session = master.open("lossgrid " + spec.name())) {
            SparkSession spark = session.spark();
            if (gpus != null && spark.sparkContext().isLocal()) {
                throw new LaunchRefused("--gpus-per-task needs a cluster master (spark://, yarn, k8s://) whose workers"
                        + " advertise GPUs: local mode schedules none, found " + spark.sparkContext().master()
                        + "; start one with scripts/cluster up --gpus N and pass --master");
            }
            PreparedData data = local != null ? local : PreparedData.load(spec, spark);
            Summary s;
            try {
                s = new SweepJob(spark, log).run(spec, data, options);
            } catch (RunHalted e) {
                command.commandLine().getErr().println("lossgrid: " + e.getMessage());
                return e.exitStatus();
            } catch (StoreFailure e) {
                command.commandLine().getErr().println("lossgrid: cannot use --out " + dir + ": " + e.getMessage());
                return Main.SPEC_ERROR;
            }
            String counts = s.statuses().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" | "));
            stdout.printf(Locale.ROOT, "%s: %d trials trained, %d already committed, in %.1f s -> %s%n", s.state(),
                    s.trained(), s.skipped(), s.wallMs() / 1000.0, s.out());
            stdout.println("  " + counts);
            if (s.stopReason() != null) {
                stdout.println("  stopped: " + s.stopReason());
                return Main.STOPPED;
            }
            stdout.println("  query: scripts/sweep sql " + dir
                    + " \"SELECT optimizer, alpha, learning_rate, status, final_loss FROM trials ORDER BY trial_index\"");
            return 0;
        }
    }

    /** {@code --pack-bytes} in bytes; 0 for auto. */
    private long packBytes() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,15})([kmg]?)")
                .matcher(packBytes.toLowerCase(Locale.ROOT));
        if (packBytes.equals("auto")) {
            return 0;
        }
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--pack-bytes must be auto or a size"
                    + " of at least 1 byte such as 268435456, 256m or 1g, found " + io.lossgrid.base.SpecException.escape(packBytes));
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /** The GPU request of --gpus-per-task and --gpus-per-executor; null without --gpus-per-task. */
    private GpuRequest gpuRequest() {
        if (gpusPerTask == null) {
            return null;
        }
        try {
            return GpuRequest.parse(gpusPerTask, gpusPerExecutor);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
