package io.lossgrid.store;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run lock of a results directory: the file {@value #NAME} in it, created atomically (it either did not
 * exist and is now this run's, or the take fails), naming the driver's host and pid ({@link LockHolder}).
 *
 * <p>On file systems where locks are unreliable (NFS, object stores) the file is also a lease: the driver
 * rewrites its expiry every {@code leaseMs / 4} while it runs, so a holder on another host counts as gone
 * once its lease has expired. A holder on this host counts as gone once its process has ended. A stale
 * lock is taken over by renaming it aside, checking that the renamed file is the stale one read before
 * (not a lock another run took in between, which is put back), and then creating a new one.
 */
final class DirectoryLock implements RunLock {
    /** The lock file's name in a results directory. */
    static final String NAME = ".lossgrid.lock";
    /** How long a lease lasts without renewal. */
    static final long LEASE_MS = 120_000;

    private final FileSystem fs;
    private final Path file;
    private final Path root;
    private final boolean createdRoot;
    private final LongSupplier clock;
    private final long leaseMs;
    private final ScheduledExecutorService renewer;
    private volatile LockHolder holder;
    private boolean closed;

    private DirectoryLock(FileSystem fs, Path root, boolean createdRoot, LockHolder holder, LongSupplier clock,
                          long leaseMs) {
        this.fs = fs;
        this.root = root;
        this.file = new Path(root, NAME);
        this.createdRoot = createdRoot;
        this.holder = holder;
        this.clock = clock;
        this.leaseMs = leaseMs;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lossgrid-lock-lease");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, leaseMs / 4);
        renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lock of {@code root} (on {@code fs}, a file system without checksum files), creating the
     * directory if needed.
     *
     * @param uri for messages: the directory as the user named it
     * @throws SweepRefused when a live run holds it (naming the holder), or the directory cannot be written
     */
    static DirectoryLock take(FileSystem fs, Path root, String uri, LongSupplier clock, long leaseMs) {
        boolean created;
        try {
            if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
                throw new SweepRefused(uri + " is a file, not a directory; choose another --out");
            }
            created = !fs.exists(root);
            if (created && !fs.mkdirs(root)) {
                throw new IOException("mkdirs returned false");
            }
        } catch (IOException e) {
            throw unwritable(uri, e);
        }
        Path file = new Path(root, NAME);
        for (int attempt = 0; attempt < 3; attempt++) {
            LockHolder mine = LockHolder.self(clock.getAsLong(), leaseMs);
            try {
                if (create(fs, file, mine.toJson())) {
                    return new DirectoryLock(fs, root, created, mine, clock, leaseMs);
                }
            } catch (IOException e) {
                throw unwritable(uri, e);
            }
            String text = readQuietly(fs, file);
            if (text == null) {
                continue;
            }
            Optional<LockHolder> other = LockHolder.parse(text);
            if (other.isEmpty()) {
                throw new SweepRefused(uri + " is locked by another lossgrid run whose lock file " + NAME
                        + " cannot be read (found \"" + text.replaceAll("\\s+", " ").trim() + "\"); if no run is using "
                        + uri + ", delete " + uri + "/" + NAME + " and try again");
            }
            if (other.get().alive(clock.getAsLong())) {
                throw new SweepRefused(uri + " is in use by another lossgrid run (" + other.get().describe()
                        + "); wait for it to finish or choose another --out (readers such as sql, analyze and report"
                        + " need no lock)");
            }
            takeOver(fs, file, text, uri);
        }
        throw new SweepRefused(uri + " is being locked by other lossgrid runs at the same time; try again");
    }

    /** Renames the stale lock {@code staleText} aside and deletes it; puts back a lock that changed meanwhile. */
    private static void takeOver(FileSystem fs, Path file, String staleText, String uri) {
        LockHolder me = LockHolder.self(0, 0);
        Path aside = new Path(file.getParent(), NAME + ".stale-" + me.host() + "-" + me.pid());
        try {
            if (!fs.rename(file, aside)) {
                return;
            }
            String moved = readQuietly(fs, aside);
            if (!staleText.equals(moved)) {
                fs.rename(aside, file);
                throw new SweepRefused(uri + " was locked by another lossgrid run while this one took over a stale"
                        + " lock; try again");
            }
            fs.delete(aside, false);
        } catch (IOException e) {
            throw unwritable(uri, e);
        }
    }

    /** Creates {@code file} holding {@code text} if it does not exist; false if it does. Atomic. */
    private static boolean create(FileSystem fs, Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if ("file".equals(fs.getUri().getScheme())) {
            try {
                Files.write(Paths.get(file.toUri()), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    private static String readQuietly(FileSystem fs, Path file) {
        try (InputStream in = fs.open(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "";
        }
    }

    static SweepRefused unwritable(String uri, IOException e) {
        return new SweepRefused("cannot write to --out " + uri + ": " + StoreFailure.reason(e)
                + "; choose a directory you can write to");
    }

    @Override
    public String owner() {
        return holder.describe();
    }

    /** Extends the lease, if the lock file still names this run; a lock taken over meanwhile is left alone. */
    private synchronized void renew() {
        if (closed) {
            return;
        }
        String text = readQuietly(fs, file);
        Optional<LockHolder> now = text == null ? Optional.empty() : LockHolder.parse(text);
        if (now.isEmpty() || !now.get().sameRun(holder)) {
            return;
        }
        LockHolder next = holder.renewed(clock.getAsLong(), leaseMs);
        Path tmp = new Path(root, NAME + ".renew");
        try {
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(next.toJson().getBytes(StandardCharsets.UTF_8));
            }
            if ("file".equals(fs.getUri().getScheme())) {
                fs.rename(tmp, file);
            } else {
                org.apache.hadoop.fs.FileContext.getFileContext(root.toUri(), fs.getConf())
                        .rename(tmp, file, org.apache.hadoop.fs.Options.Rename.OVERWRITE);
            }
            holder = next;
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(DirectoryLock.class).warn("could not renew the lease of {}: {}", file,
                    StoreFailure.reason(e));
        }
    }

    /** Deletes the lock file if it still names this run, and the directory if this lock created it and it is empty. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewer.shutdownNow();
        try {
            String text = readQuietly(fs, file);
            Optional<LockHolder> now = text == null ? Optional.empty() : LockHolder.parse(text);
            if (now.isPresent() && now.get().sameRun(holder)) {
                fs.delete(file, false);
            }
            if (createdRoot && fs.exists(root) && fs.listStatus(root).length == 0) {
                fs.delete(root, false);
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(DirectoryLock.class).warn("could not release the lock {}: {}", file,
                    StoreFailure.reason(e));
        }
    }
}
