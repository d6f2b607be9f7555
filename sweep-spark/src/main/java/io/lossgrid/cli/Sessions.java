package io.lossgrid.cli;

import io.lossgrid.store.LocalFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a CLI verb. The master is {@code --master} if given, else what spark-submit set,
 * else {@code local[*]}: Spark embedded in this JVM, one task slot per core. When the JVM already has an
 * active session (a test, or an application embedding the CLI) it is reused and left running.
 *
 * <p>Launched by spark-submit, the session takes spark-submit's configuration (its {@code --conf},
 * {@code spark-defaults.conf}, the application jar as {@code spark.jars}). Launched without it (the
 * {@code scripts/sweep} launcher runs {@code java} directly), it reads {@code spark-defaults.conf} from
 * {@code SPARK_CONF_DIR} the way spark-submit would, and on a cluster serves the jar it was loaded from to
 * the executors. Either way {@code --conf KEY=VALUE} comes last and wins.
 */
final class Sessions implements AutoCloseable {
    static final String DEFAULT_MASTER = "local[*]";
    private static final String AUTHENTICATE = "spark.authenticate";
    private static final String SECRET = "spark.authenticate.secret";
    /** Where a standalone worker hands the secret to the processes it starts (Spark's SecurityManager.ENV_AUTH_SECRET). */
    private static final String SECRET_ENV = "_SPARK_AUTH_SECRET";
    /** Set by spark-submit (client and cluster deploy mode) in the driver's system properties. */
    static final String DEPLOY_MODE = "spark.submit.deployMode";

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

    static Sessions open(String appName, SparkSettings settings) {
        var active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            return new Sessions(active.get(), false);
        }
        quietLogging(settings.verbose());
        String chosen = chosenMaster(settings.master());
        boolean submitted = System.getProperty(DEPLOY_MODE) != null;
        Map<String, String> fileDefaults = submitted ? Map.of() : sparkDefaultsFile(System.getenv());
        SparkSession.Builder b = SparkSession.builder().appName(appName).master(chosen);
        config(chosen, settings, new SparkConf(), fileDefaults, applicationJar(), System.getenv()).forEach(b::config);
        SparkSession spark = b.getOrCreate();
        if (settings.ui() && spark.sparkContext().uiWebUrl().isDefined()) {
            System.err.println("[lossgrid] Spark UI: " + spark.sparkContext().uiWebUrl().get());
        }
        return new Sessions(spark, true);
    }

    /**
     * lossgrid's {@code log4j2.properties} (Spark and DL4J at WARN, on stderr) also where the launcher did
     * not name it: a distribution's spark-submit configures logging before the application jar is on the
     * class path, so Spark's own defaults (INFO) would apply. {@code --verbose}: INFO.
     */
    private static void quietLogging(boolean verbose) {
        var ours = Sessions.class.getResource("/log4j2.properties");
        if (System.getProperty("log4j2.configurationFile") == null && ours != null) {
            try {
                Configurator.reconfigure(ours.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("lossgrid's log4j2.properties has no usable address: " + ours, e);
            }
        }
        if (verbose) {
            Configurator.setRootLevel(Level.INFO);
        }
    }

    /**
     * The properties a new session is built with, in the order they are applied (later ones win):
     * {@code spark-defaults.conf} (only when spark-submit did not already read it), lossgrid's settings
     * (each yields to a value spark-submit set, found in {@code submitted}), then {@code --conf}.
     *
     * @param master       the master chosen
     * @param settings     the command line's Spark settings
     * @param submitted    the configuration this JVM was started with (spark-submit's system properties)
     * @param fileDefaults {@code spark-defaults.conf}, when this JVM was not started by spark-submit
     * @param jar          the application jar this code was loaded from, if it was loaded from a jar
     * @param env          this process's environment
     */
    static Map<String, String> config(String master, SparkSettings settings, SparkConf submitted,
                                      Map<String, String> fileDefaults, Optional<Path> jar, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        fileDefaults.forEach((k, v) -> {
            if (!submitted.contains(k)) {
                out.put(k, v);
            }
        });
        SparkConf seen = submitted.clone();
        out.forEach(seen::set);
        out.put("spark.executorEnv.OMP_NUM_THREADS", seen.get("spark.executorEnv.OMP_NUM_THREADS", "1"));
        out.put("spark.sql.session.timeZone", "UTC");
        out.put("spark.sql.debug.maxToStringFields", "500");
        LocalFiles.sparkSettings().forEach((key, value) -> out.put(key, seen.get(key, value)));
        if (isLocal(master)) {
            out.put("spark.ui.enabled", settings.ui() ? "true" : seen.get("spark.ui.enabled", "false"));
            out.put("spark.driver.host", seen.get("spark.driver.host", "127.0.0.1"));
        } else if (!seen.contains("spark.jars") && jar.isPresent()) {
            // executors on a cluster need lossgrid's classes; spark-submit sets this itself
            out.put("spark.jars", jar.get().toString());
        }
        if (seen.getBoolean(AUTHENTICATE, false) && !seen.contains(SECRET) && env.containsKey(SECRET_ENV)) {
            // A driver that a standalone worker started (--deploy-mode cluster) receives the secret in its
            // environment, where the worker puts it, but Spark's driver asks for it in its configuration.
            out.put(SECRET, env.get(SECRET_ENV));
        }
        out.putAll(settings.conf());
        return out;
    }

    /**
     * {@code spark-defaults.conf} as spark-submit finds it: in {@code SPARK_CONF_DIR}, else in
     * {@code SPARK_HOME/conf}; its {@code spark.*} properties, values trimmed; empty when there is none.
     */
    static Map<String, String> sparkDefaultsFile(Map<String, String> env) {
        String dir = env.get("SPARK_CONF_DIR");
        if (dir == null && env.get("SPARK_HOME") != null) {
            dir = Path.of(env.get("SPARK_HOME"), "conf").toString();
        }
        if (dir == null) {
            return Map.of();
        }
        Path file = Path.of(dir, "spark-defaults.conf");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("spark."))
                .forEach(k -> out.put(k, p.getProperty(k).strip()));
        return out;
    }

    /** The jar this class was loaded from; empty when it came from a directory (tests, an IDE). */
    static Optional<Path> applicationJar() {
        try {
            var source = Sessions.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
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

    static boolean isLocal(String master) {
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

    /**
     * {@code --master} if given, else what spark-submit set, else {@link #DEFAULT_MASTER}. Spark-submit
     * sets {@code spark.master} as a system property, which is where a new {@code SparkConf} reads it;
     * reading the property directly lets ND4J's warm-up start before {@code SparkConf}'s initialisation
     * (about 0.35 s).
     */
    static String chosenMaster(String master) {
        return master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }
}
