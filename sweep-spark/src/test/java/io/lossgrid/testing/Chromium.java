package io.lossgrid.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium, driven from its command line: load a local page, let it run for a budget of virtual
 * time (timers and rendering fast-forwarded, so no real waiting), then dump its DOM or take a screenshot.
 * Each call starts a fresh browser with its own empty profile, no network services, no GPU and no sandbox
 * (so it runs as root in CI). What the page wrote to the console comes back with the DOM.
 *
 * <p>The browser is {@code $CHROMIUM} if set, else the first of {@code chromium}, {@code chromium-browser},
 * {@code google-chrome} on the {@code PATH}; {@code scripts/ensure-chromium} installs Debian's.
 */
public final class Chromium {
    /** Virtual time a page gets to load and draw. */
    static final int BUDGET_MS = 10_000;
    /** Wall time one browser run may take before the test gives up on it. */
    static final long LIMIT_S = 60;

    private final Path binary;
    private final Path work;

    private Chromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** The page after its budget: the serialised DOM and every console message (uncaught errors included). */
    public record Page(String dom, List<String> console) {
    }

    /** The browser, with {@code work} for its profiles and logs; an error that says how to install one if absent. */
    public static Chromium find(Path work) {
        Chromium found = lookUp(work);
        if (found == null && System.getenv("CHROMIUM") == null) {
            // A fresh machine: install Debian's Chromium the way CI does, so `mvn -B verify` needs no set-up step.
            install();
            found = lookUp(work);
        }
        if (found != null) {
            return found;
        }
        String set = System.getenv("CHROMIUM");
        List<String> names = set == null ? List.of("chromium", "chromium-browser", "google-chrome") : List.of(set);
        throw new IllegalStateException("no Chromium found: looked for " + String.join(", ", names)
                + (set == null ? " on the PATH" : " ($CHROMIUM)") + "; install it with scripts/ensure-chromium (as root)"
                + " or point CHROMIUM at a Chrome or Chromium binary");
    }

    private static void install() {
        Path script = Path.of("..", "scripts", "ensure-chromium").toAbsolutePath().normalize();
        if (!Files.isExecutable(script)) {
            return;
        }
        try {
            Process p = new ProcessBuilder(script.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            p.waitFor();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Chromium lookUp(Path work) {
        String set = System.getenv("CHROMIUM");
        List<String> names = set == null ? List.of("chromium", "chromium-browser", "google-chrome") : List.of(set);
        for (String name : names) {
            Path found = name.contains("/") ? Path.of(name) : onPath(name);
            if (found != null && Files.isExecutable(found)) {
                return new Chromium(found, work);
            }
        }
        return null;
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Loads {@code page} in a window {@code width} × {@code height} and returns its DOM and console. */
    public Page load(Path page, int width, int height) {
        Run run = run(page, width, height, "--dump-dom");
        return new Page(run.stdout(), run.console());
    }

    /** Loads {@code page} in a window {@code width} × {@code height} and writes what it shows to {@code png}. */
    public Page screenshot(Path page, Path png, int width, int height) {
        Run run = run(page, width, height, "--screenshot=" + png.toAbsolutePath());
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("Chromium wrote no screenshot to " + png + "; its log: " + run.log());
        }
        return new Page("", run.console());
    }

    private record Run(String stdout, List<String> console, Path log) {
    }

    private Run run(Path page, int width, int height, String action) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(work), "chromium-");
            Path out = dir.resolve("stdout.txt");
            Path err = dir.resolve("stderr.txt");
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
                    "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                    "--virtual-time-budget=" + BUDGET_MS, "--window-size=" + width + "," + height, action,
                    page.toAbsolutePath().toUri().toString()));
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(LIMIT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish " + page + " within " + LIMIT_S + " s; its log: " + err);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("Chromium exited with " + p.exitValue() + " on " + page + "; its log: " + err);
            }
            List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains(":CONSOLE")).toList();
            return new Run(Files.readString(out, StandardCharsets.UTF_8), console, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium ran", e);
        }
    }
}
