package io.lossgrid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster for an integration test: {@code scripts/cluster} with its own state directory
 * and free ports on 127.0.0.1, and the scripts ({@code scripts/cluster}, {@code scripts/spark-submit}) run
 * against it with their output kept under the test's {@code logs/}. {@code scripts/cluster up} runs with
 * {@code SPARK_LOCAL_IP=0.0.0.0} and an extra open file descriptor on {@link #inheritedMarker()}, so that
 * tests can check that the cluster binds to 127.0.0.1 regardless and that its daemons hold no descriptor
 * of the caller's. The scripts never build here
 * ({@code LOSSGRID_NO_BUILD=1}): failsafe runs after {@code package}. Every script started through this
 * class is tracked; {@link #down()} and an exit hook (for a JVM stopped before {@code @AfterAll}) end the
 * ones still running and stop the cluster.
 */
public final class Cluster {
    /** The repository root. */
    public static final Path ROOT = Path.of(System.getProperty("lossgrid.root", "..")).toAbsolutePath().normalize();
    /** The shaded application jar the build wrote. */
    public static final Path JAR = ROOT.resolve("sweep-spark/target/lossgrid.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path state;
    private final Path logs;
    private final Map<String, String> env = new HashMap<>();
    /** Environment the test adds for every script (such as LOSSGRID_GPU_DISCOVERY), set before {@link #up}. */
    private final Map<String, String> testEnv = new HashMap<>();
    /** The scripts running now (a driver outlives a JVM that dies while it waits on it). */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Thread stopOnExit;
    private String masterUrl;
    private String webUiUrl;

    /** A cluster named {@code name} (for messages) whose state lives in {@code work/cluster}, logs in {@code work/logs}. */
    public Cluster(String name, Path work) {
        this.name = name;
        this.state = work.resolve("cluster");
        this.logs = work.resolve("logs");
    }

    /** {@code target/it/SUB}: where an integration test keeps its cluster, logs and outputs. */
    public static Path itDir(String sub) {
        return Path.of(System.getProperty("lossgrid.it.dir", "target/it")).toAbsolutePath().resolve(sub);
    }

    /** {@code target/NAME} of the sweep-spark module. */
    public static Path targetDir(String name) {
        return Path.of(System.getProperty("lossgrid.target.dir", "target")).toAbsolutePath().resolve(name);
    }

    public Path state() {
        return state;
    }

    /** A file {@code scripts/cluster up} was started with open (as file descriptor 9): no daemon may hold it. */
    public Path inheritedMarker() {
        return logs.resolve("held-by-the-caller.txt");
    }

    public String masterUrl() {
        return masterUrl;
    }

    /**
     * Starts the cluster ({@code scripts/cluster up}) and returns the master URL, after stopping whatever an
     * interrupted earlier run left in the same state directory. Fails the test if it does not come up.
     */
    public String up(int workers, int cores, String memory) {
        return up(workers, cores, memory, List.of());
    }

    /** Every script this cluster runs gets {@code key=value} in its environment; call before {@link #up}. */
    public Cluster withEnv(String key, String value) {
        testEnv.put(key, value);
        return this;
    }

    /** As {@link #up(int, int, String)}, with further arguments of {@code scripts/cluster up} (such as --gpus 2). */
    public String up(int workers, int cores, String memory, List<String> upArgs) {
        try {
            Files.createDirectories(logs);
            int[] ports = freePorts(2);
            env.put("LOSSGRID_CLUSTER_DIR", state.toString());
            env.put("LOSSGRID_MASTER_PORT", String.valueOf(ports[0]));
            env.put("LOSSGRID_MASTER_WEBUI_PORT", String.valueOf(ports[1]));
            env.put("LOSSGRID_NO_BUILD", "1");
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
            env.putAll(testEnv);
            webUiUrl = "http://127.0.0.1:" + ports[1];

            script(Duration.ofSeconds(60), "cluster-down-before", "cluster", "down");
            stopOnExit = new Thread(() -> {
                try {
                    killRunning();
                    script(Duration.ofSeconds(60), "cluster-down-on-exit", "cluster", "down");
                } catch (RuntimeException | Error e) {
                    System.err.println(name + ": stopping the cluster on exit failed: " + e);
                }
            }, "stop-cluster-" + name);
            Runtime.getRuntime().addShutdownHook(stopOnExit);

            long t0 = System.nanoTime();
            // The caller's environment asks for every interface and holds a file open; the cluster must
            // bind to 127.0.0.1 and leave the file alone.
            Files.writeString(inheritedMarker(), "open in the shell that runs scripts/cluster up\n");
            List<String> command = new ArrayList<>(List.of("bash", "-c",
                    "exec 9>>\"$0\"; exec bash \"$1\" \"${@:2}\"", inheritedMarker().toString(),
                    ROOT.resolve("scripts/cluster").toString(), "up", "--workers", String.valueOf(workers),
                    "--cores", String.valueOf(cores), "--memory", memory, "--timeout", "120"));
            command.addAll(upArgs);
            Result up = start("cluster-up", Map.of("SPARK_LOCAL_IP", "0.0.0.0"), command)
                    .await(Duration.ofSeconds(150));
            assertEquals(0, up.exit(), () -> "scripts/cluster up failed\n" + up + diagnostics());
            List<String> lines = up.stdout().strip().lines().toList();
            masterUrl = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            assertEquals("spark://127.0.0.1:" + ports[0], masterUrl, () -> "the master URL printed\n" + up);
            System.out.printf("%s: cluster up at %s (%d worker(s) x %d core(s)) in %.1f s%n", name, masterUrl, workers,
                    cores, seconds(t0));
            return masterUrl;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends the scripts still running, stops the cluster ({@code scripts/cluster down}) and checks that none of
     * its processes is left. Does nothing if {@link #up} never ran.
     */
    public void down() {
        if (env.isEmpty()) {
            return;
        }
        killRunning();
        long t0 = System.nanoTime();
        Result down = script(Duration.ofSeconds(90), "cluster-down", "cluster", "down", "--timeout", "30");
        System.out.printf("%s: cluster down in %.1f s%n", name, seconds(t0));
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        assertEquals(0, down.exit(), () -> "scripts/cluster down failed\n" + down);
        Result left = script(Duration.ofSeconds(30), "cluster-status-after", "cluster", "status");
        assertEquals(3, left.exit(), () -> "after down, status should say the master is not running\n" + left);
        for (String role : List.of("master", "workers", "executors")) {
            Result pids = script(Duration.ofSeconds(30), "cluster-pids-after", "cluster", "pids", role);
            assertEquals(1, pids.exit(), () -> "after down, no " + role + " should be left\n" + pids);
        }
    }

    /** Forcibly ends every script started through this cluster that still runs (and its children). */
    public void killRunning() {
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What a finished script did. */
    public record Result(List<String> command, int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "$ " + String.join(" ", command) + "\nexit " + exit + "\n--- stdout (tail)\n" + tail(stdout, 40)
                    + "\n--- stderr (tail)\n" + tail(stderr, 60) + "\n";
        }
    }

    /** A script running in the background; its output goes to files that can be read while it runs. */
    public final class Background {
        private final Process process;
        private final List<String> command;
        private final Path stdout;
        private final Path stderr;

        private Background(Process process, List<String> command, Path stdout, Path stderr) {
            this.process = process;
            this.command = command;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** The process started: for {@code scripts/spark-submit} in client mode, the driver JVM (the script execs it). */
        public Process process() {
            return process;
        }

        public boolean alive() {
            return process.isAlive();
        }

        public String stdout() {
            return read(stdout);
        }

        public String stderr() {
            return read(stderr);
        }

        /** Waits for the script to end (failing the test after {@code timeout}, the script killed). */
        public Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    fail("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command) + "\n--- stdout\n"
                            + tail(stdout(), 40) + "\n--- stderr\n" + tail(stderr(), 60) + diagnostics());
                }
                return new Result(command, process.exitValue(), stdout(), stderr());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + command, e);
            } finally {
                running.remove(process);
            }
        }

        @Override
        public String toString() {
            return "$ " + String.join(" ", command) + (process.isAlive() ? "\n(running)" : "\nexit " + process.exitValue())
                    + "\n--- stdout (tail)\n" + tail(stdout(), 40) + "\n--- stderr (tail)\n" + tail(stderr(), 60) + "\n";
        }
    }

    /** Starts scripts/NAME with ARGS from the repository root, its output in logs/LOGNAME.{out,err}. */
    public Background start(String logName, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(args));
        return start(logName, Map.of(), command);
    }

    /** Starts COMMAND from the repository root with the cluster's environment plus {@code extraEnv}. */
    private Background start(String logName, Map<String, String> extraEnv, List<String> command) {
        Path stdout = logs.resolve(logName + ".out");
        Path stderr = logs.resolve(logName + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        try {
            Process p = pb.start();
            running.add(p);
            return new Background(p, command, stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs scripts/NAME with ARGS from the repository root and waits for it (failing the test after {@code timeout}). */
    public Result script(Duration timeout, String logName, String script, String... args) {
        return start(logName, script, args).await(timeout);
    }

    /** {@code scripts/spark-submit} of the lossgrid CLI to this cluster (client mode, no UI), in the background. */
    public Background submit(String logName, String... cliArgs) {
        List<String> args = new ArrayList<>(List.of("--master", masterUrl, "--class", "io.lossgrid.cli.Main",
                "--conf", "spark.ui.enabled=false", JAR.toString()));
        args.addAll(List.of(cliArgs));
        return start(logName, "spark-submit", args.toArray(String[]::new));
    }

    /**
     * {@code scripts/spark-submit --deploy-mode cluster} of the lossgrid CLI: a worker starts the driver;
     * the script waits until the driver has ended ({@code spark.standalone.submit.waitAppCompletion}).
     */
    public Background submitInClusterMode(String logName, String... cliArgs) {
        List<String> args = new ArrayList<>(List.of("--master", masterUrl, "--deploy-mode", "cluster",
                "--class", "io.lossgrid.cli.Main", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.standalone.submit.waitAppCompletion=true", JAR.toString()));
        args.addAll(List.of(cliArgs));
        return start(logName, "spark-submit", args.toArray(String[]::new));
    }

    /** The local addresses (ip:port, IPv4 or IPv6 as the kernel writes them, in hex) PID listens on for TCP. */
    public static List<String> listeningAddresses(long pid) {
        Set<String> sockets = new TreeSet<>();
        for (String link : openFiles(pid)) {
            if (link.startsWith("socket:[")) {
                sockets.add(link.substring("socket:[".length(), link.length() - 1));
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : read(Path.of(table)).lines().skip(1).toList()) {
                String[] f = line.strip().split("\\s+");
                // sl local_address rem_address st ... inode: state 0A is LISTEN, the inode is field 9
                if (f.length > 9 && f[3].equals("0A") && sockets.contains(f[9])) {
                    out.add(f[1]);
                }
            }
        }
        return out;
    }

    /** Whether a /proc/net/tcp{,6} address (hex, as {@link #listeningAddresses} lists it) is 127.0.0.1. */
    public static boolean isLoopbackV4(String hexAddress) {
        String ip = hexAddress.substring(0, hexAddress.indexOf(':'));
        return ip.equals("0100007F") || ip.equals("0000000000000000FFFF00000100007F");
    }

    /** What the open file descriptors of PID point to (files, sockets, pipes), from /proc/PID/fd. */
    public static List<String> openFiles(long pid) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing has nothing to say
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The command line of PID, its words separated by spaces. */
    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An executor as {@code scripts/cluster status} lists it. */
    public record Executor(String worker, long pid, String app, String id) {
        /** Its stderr, where the executor logs the tasks it runs. */
        public Path stderr(Path state) {
            return state.resolve(worker).resolve("work").resolve(app).resolve(id).resolve("stderr");
        }
    }

    /** The executors running now, from {@code scripts/cluster status}. */
    public List<Executor> executors() {
        Result status = script(Duration.ofSeconds(30), "cluster-status", "cluster", "status");
        List<Executor> out = new ArrayList<>();
        for (String line : status.stdout().lines().toList()) {
            String[] f = line.split("\t");
            if (f.length == 4 && f[0].equals("executor")) {
                Map<String, String> kv = new HashMap<>();
                for (String word : f[3].split(" ")) {
                    int eq = word.indexOf('=');
                    if (eq > 0) {
                        kv.put(word.substring(0, eq), word.substring(eq + 1));
                    }
                }
                out.add(new Executor(f[1], Long.parseLong(f[2]), kv.get("app"), kv.get("executor_id")));
            }
        }
        return out;
    }

    /** The pids {@code scripts/cluster pids ROLE} prints (none: an empty list). */
    public List<Long> pids(String role) {
        Result r = script(Duration.ofSeconds(30), "cluster-pids", "cluster", "pids", role);
        return r.exit() != 0 ? List.of() : r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty())
                .map(Long::parseLong).toList();
    }

    /** The master's JSON status ({@code /json/}): workers, cores used, active and completed applications. */
    public JsonNode masterStatus() {
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(webUiUrl + "/json/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Executor ids the workers launched for application {@code app} (their work dirs: worker-N/work/APP/EXEC-ID), or for any application if null. */
    public Set<String> launchedExecutorIds(String app) {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> workers = Files.list(state)) {
            for (Path worker : workers.filter(p -> p.getFileName().toString().matches("worker-\\d+")
                    && Files.isDirectory(p)).toList()) {
                Path work = worker.resolve("work");
                if (!Files.isDirectory(work)) {
                    continue;
                }
                try (Stream<Path> apps = Files.list(work)) {
                    for (Path a : apps.filter(Files::isDirectory)
                            .filter(a -> app == null || a.getFileName().toString().equals(app)).toList()) {
                        try (Stream<Path> execs = Files.list(a)) {
                            execs.filter(Files::isDirectory).forEach(e -> ids.add(e.getFileName().toString()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /**
     * Polls {@code condition} every {@code interval} until it holds, failing the test with {@code what} (and the
     * cluster's logs) once {@code timeout} has passed. Returns the seconds it took.
     */
    public double awaitCondition(String what, Duration timeout, Duration interval, Supplier<Boolean> condition) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting until " + what + diagnostics());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting until " + what, e);
            }
        }
        return seconds(t0);
    }

    /** The tails of the cluster's logs and of every executor's stderr, for failure messages. */
    public String diagnostics() {
        StringBuilder b = new StringBuilder("\n=== cluster logs in ").append(state).append('\n');
        if (!Files.isDirectory(state)) {
            return b.append("(none)\n").toString();
        }
        try (Stream<Path> files = Files.walk(state, 5)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".log") || f.getFileName().toString().equals("stderr"))
                    .sorted().toList()) {
                b.append("--- ").append(f).append('\n').append(tail(read(f), 30)).append('\n');
            }
        } catch (IOException e) {
            b.append("(could not list: ").append(e).append(")\n");
        }
        return b.toString();
    }

    public static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Ports free on 127.0.0.1 now, distinct (all held open together while they are chosen). */
    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    public static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
