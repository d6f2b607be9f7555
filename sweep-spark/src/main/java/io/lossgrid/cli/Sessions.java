package io.lossgrid.cli;

import io.lossgrid.store.LocalFiles;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a CLI verb. The master is {@code --master} if given, else what spark-submit
 * set, else {@code local[*]}: Spark embedded in this JVM, one task slot per core. When the JVM already
 * has an active session (a test, or an application embedding the CLI) it is reused and left running.
 */
final class Sessions implements AutoCloseable {
    static final String DEFAULT_MASTER = "local[*]";

    private static boolean warmUpStarted;

    private final SparkSession spark;
    private final boolean owned;

    private Sessions(SparkSession spark, boolean owned) {
        this.spark = spark;
        this.owned = owned;
    }

    SparkSession spark() {
        return spark;
    }

    static Sessions open(String appName, String master) {
        var active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            return new Sessions(active.get(), false);
        }
        SparkConf conf = new SparkConf();
        String chosen = chosenMaster(master);
        SparkSession.Builder b = SparkSession.builder().appName(appName).master(chosen)
                .config("spark.executorEnv.OMP_NUM_THREADS", "1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.debug.maxToStringFields", "500");
        LocalFiles.sparkSettings().forEach((key, value) -> b.config(key, conf.get(key, value)));
        if (isLocal(chosen)) {
            b.config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"));
            b.config("spark.driver.host", conf.get("spark.driver.host", "127.0.0.1"));
        }
        return new Sessions(b.getOrCreate(), true);
    }

    /**
     * In local mode the executors are this JVM: loading ND4J's native libraries (about 2 s) can then
     * overlap the start of Spark instead of delaying the first task. At most one warm-up per JVM.
     */
    static void warmUpNd4jIfLocal(String master) {
        if (isLocal(master)) {
            startWarmUp();
        }
    }

    /**
     * The ND4J warm-up of a {@code run} from the raw command line, before picocli builds its command tree
     * (about 0.3 s): {@code --master URL} or {@code --master=URL} is read here the way picocli reads it.
     * Anything else (another verb, a malformed line) starts nothing; picocli reports the errors.
     */
    static void warmUpNd4jForRun(String[] args) {
        if (isLocalRun(args)) {
            startWarmUp();
        }
    }

    /** Whether a raw command line is a {@code run} whose Spark master is local (given or by default). */
    static boolean isLocalRun(String[] args) {
        return args.length > 0 && args[0].equals("run") && isLocal(masterOf(args));
    }

    private static boolean isLocal(String master) {
        return chosenMaster(master).startsWith("local");
    }

    private static synchronized void startWarmUp() {
        if (warmUpStarted) {
            return;
        }
        Thread t = new Thread(() -> {
            io.lossgrid.train.Nd4jThreads.onePerTask();
            org.nd4j.linalg.factory.Nd4j.create(1);
        }, "lossgrid-nd4j-warm-up");
        t.setDaemon(true);
        t.start();
        warmUpStarted = true;
    }

    private static String masterOf(String[] args) {
        String master = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--master") && i + 1 < args.length) {
                master = args[i + 1];
            } else if (args[i].startsWith("--master=")) {
                master = args[i].substring("--master=".length());
            }
        }
        return master;
    }

    /**
     * {@code --master} if given, else what spark-submit set, else {@link #DEFAULT_MASTER}. Spark-submit
     * sets {@code spark.master} as a system property, which is where a new {@code SparkConf} reads it;
     * reading the property directly lets ND4J's warm-up start before {@code SparkConf}'s initialisation
     * (about 0.35 s).
     */
    private static String chosenMaster(String master) {
        return master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }
}
