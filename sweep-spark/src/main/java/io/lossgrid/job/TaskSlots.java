package io.lossgrid.job;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.status.api.v1.ExecutorSummary;
import scala.collection.JavaConverters;

/**
 * How many tasks a Spark application can run at once: what a batch is sized from.
 *
 * <p>In local mode ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}) it is the N of the
 * master URL. On a cluster it is the cores of the executors registered now (the driver excluded), each
 * executor's cores divided by {@code spark.task.cpus}. Spark's {@code defaultParallelism} is not used: read
 * before the executors have registered (on a standalone cluster they arrive seconds after the session
 * starts) it is Spark's minimum, 2, whatever the cluster's size.
 *
 * <p>{@link #await} waits, at most {@code spark.scheduler.maxRegisteredResourcesWaitingTime} (Spark's own
 * setting, 30 s by default), until the cores the configuration asks for have registered
 * ({@code spark.executor.instances} x {@code spark.executor.cores}, else {@code spark.cores.max}), or, when
 * it asks for no number (a standalone application then gets what the workers have free), until executors
 * have registered and no other has for {@value #SETTLE_MS} ms (a cluster's executors start together and
 * register within about a second of each other). {@link #registered} re-reads the count without
 * waiting, so that a caller that reads it before every batch follows executors that arrive late, are lost,
 * or come and go with dynamic allocation.
 */
public final class TaskSlots {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
    private static final String WAIT_KEY = "spark.scheduler.maxRegisteredResourcesWaitingTime";
    private static final long POLL_MS = 100;
    private static final long SETTLE_MS = 1500;

    private TaskSlots() {
    }

    /**
     * The task slots once the expected executors have registered, or once the wait's deadline has passed.
     * Never less than 1: with no executor registered by the deadline it is Spark's {@code defaultParallelism}
     * (the tasks then wait for executors, as any Spark job does).
     */
    public static int await(SparkContext sc) {
        OptionalInt local = local(sc.master());
        if (local.isPresent()) {
            return local.getAsInt();
        }
        SparkConf conf = sc.getConf();
        OptionalInt expected = expectedCores(conf);
        int taskCpus = taskCpus(conf);
        long deadline = System.nanoTime() + conf.getTimeAsMs(WAIT_KEY, "30s") * 1_000_000L;
        int lastCount = 0;
        long lastChange = System.nanoTime();
        while (true) {
            Registered now = registeredExecutors(sc, taskCpus);
            if (now.executors() != lastCount) {
                lastCount = now.executors();
                lastChange = System.nanoTime();
            }
            boolean settled = now.executors() > 0 && System.nanoTime() - lastChange >= SETTLE_MS * 1_000_000L;
            boolean enough = expected.isPresent() ? now.cores() >= expected.getAsInt() : settled;
            if (enough || System.nanoTime() >= deadline) {
                return now.slots() > 0 ? now.slots() : Math.max(1, sc.defaultParallelism());
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now.slots() > 0 ? now.slots() : Math.max(1, sc.defaultParallelism());
            }
        }
    }

    /**
     * The task slots of the executors registered now, without waiting; {@code previous} when none is
     * registered at this moment (all lost, or not yet replaced), so that a batch is never sized for zero.
     */
    public static int registered(SparkContext sc, int previous) {
        OptionalInt local = local(sc.master());
        if (local.isPresent()) {
            return local.getAsInt();
        }
        int slots = registeredExecutors(sc, taskCpus(sc.getConf())).slots();
        return slots > 0 ? slots : Math.max(1, previous);
    }

    /**
     * The task slots of a local master URL ({@code local}: 1, {@code local[N]} and {@code local[N,F]}: N,
     * {@code local[*]}: this machine's cores); empty for any other master.
     */
    static OptionalInt local(String master) {
        Matcher m = LOCAL.matcher(master.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        String n = m.group(1);
        if (n == null) {
            return OptionalInt.of(1);
        }
        return OptionalInt.of(n.equals("*") ? Runtime.getRuntime().availableProcessors() : Math.max(1, Integer.parseInt(n)));
    }

    /**
     * The cores the configuration asks for: {@code spark.executor.instances} x {@code spark.executor.cores}
     * when both are set (and dynamic allocation is off), else {@code spark.cores.max}; empty when it names no
     * number (a standalone application then takes what the workers have free).
     */
    static OptionalInt expectedCores(SparkConf conf) {
        boolean dynamic = conf.getBoolean("spark.dynamicAllocation.enabled", false);
        if (!dynamic && conf.contains("spark.executor.instances") && conf.contains("spark.executor.cores")) {
            return OptionalInt.of(conf.getInt("spark.executor.instances", 0) * conf.getInt("spark.executor.cores", 0));
        }
        if (conf.contains("spark.cores.max")) {
            return OptionalInt.of(conf.getInt("spark.cores.max", 0));
        }
        return OptionalInt.empty();
    }

    /** Task slots of executors with {@code cores} cores each, {@code spark.task.cpus} per task. */
    static int slots(int[] executorCores, int taskCpus) {
        int slots = 0;
        for (int cores : executorCores) {
            slots += cores / taskCpus;
        }
        return slots;
    }

    private static int taskCpus(SparkConf conf) {
        return Math.max(1, conf.getInt("spark.task.cpus", 1));
    }

    private record Registered(int executors, int cores, int slots) {
    }

    /**
     * The active executors Spark's status store knows (the store behind the web UI and its REST API; the
     * public status tracker does not say how many cores an executor has), the driver left out.
     */
    private static Registered registeredExecutors(SparkContext sc, int taskCpus) {
        int[] cores = JavaConverters.seqAsJavaList(sc.statusStore().executorList(true)).stream()
                .filter(e -> !"driver".equals(e.id()) && e.isActive())
                .mapToInt(ExecutorSummary::totalCores).toArray();
        int total = 0;
        for (int c : cores) {
            total += c;
        }
        return new Registered(cores.length, total, slots(cores, taskCpus));
    }
}
