package io.lossgrid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock of a results directory: one writer at a time, stale locks taken over, leases renewed. */
class DirectoryLockTest {
    @TempDir
    Path tmp;

    final AtomicLong clock = new AtomicLong(1_000_000);
    final FileSystem raw = local();

    static FileSystem local() {
        try {
            return FileSystem.getLocal(new Configuration()).getRawFileSystem();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    DirectoryLock take(Path dir, long leaseMs) {
        return DirectoryLock.take(raw, new org.apache.hadoop.fs.Path(dir.toUri()), dir.toString(), clock::get, leaseMs);
    }

    void lockFile(Path dir, LockHolder h) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(DirectoryLock.NAME), h.toJson());
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolderHostAndPid() {
        Path dir = tmp.resolve("out");
        try (DirectoryLock first = take(dir, 60_000)) {
            SweepRefused e = assertThrows(SweepRefused.class, () -> take(dir, 60_000));
            LockHolder me = LockHolder.self(clock.get(), 0);
            assertEquals(dir + " is in use by another lossgrid run (host " + me.host() + ", pid " + me.pid()
                    + ", since " + java.time.Instant.ofEpochMilli(clock.get()) + "); wait for it to finish or choose"
                    + " another --out (readers such as sql, analyze and report need no lock)", e.getMessage());
            assertEquals(first.owner(), me.describe());
        }
    }

    @Test
    void closingGivesTheLockBackAndRemovesADirectoryItCreatedThatStayedEmpty() {
        Path dir = tmp.resolve("out");
        take(dir, 60_000).close();
        assertFalse(Files.exists(dir), "the lock created the directory and nothing was written into it");
        try (DirectoryLock again = take(tmp, 60_000)) {
            assertTrue(Files.exists(tmp.resolve(DirectoryLock.NAME)));
        }
        assertFalse(Files.exists(tmp.resolve(DirectoryLock.NAME)));
        assertTrue(Files.isDirectory(tmp), "a directory that was there before stays");
    }

    @Test
    void theLockOfAProcessThatEndedIsTakenOver() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        LockHolder dead = new LockHolder(LockHolder.self(0, 0).host(), p.pid(), 1, 5, clock.get() + 3_600_000);
        lockFile(tmp, dead);
        try (DirectoryLock mine = take(tmp, 60_000)) {
            assertEquals(ProcessHandle.current().pid(),
                    LockHolder.parse(Files.readString(tmp.resolve(DirectoryLock.NAME))).orElseThrow().pid());
        }
        assertFalse(Files.exists(tmp.resolve(DirectoryLock.NAME + ".stale-" + dead.host() + "-"
                + ProcessHandle.current().pid())), "the stale lock was set aside, then deleted");
    }

    @Test
    void aLockOfAnotherHostIsRefusedUntilItsLeaseExpiresThenTakenOver() throws IOException {
        lockFile(tmp, new LockHolder("other-host.example", 4242, 7, clock.get() - 10, clock.get() + 60_000));
        SweepRefused e = assertThrows(SweepRefused.class, () -> take(tmp, 60_000));
        assertTrue(e.getMessage().startsWith(tmp + " is in use by another lossgrid run (host other-host.example,"
                + " pid 4242, since "), e.getMessage());
        clock.addAndGet(60_000);
        try (DirectoryLock mine = take(tmp, 60_000)) {
            assertEquals(LockHolder.self(0, 0).host(), mine.owner().split(",")[0].substring("host ".length()));
        }
    }

    @Test
    void anUnreadableLockFileIsRefusedSayingHowToClearIt() throws IOException {
        Files.writeString(tmp.resolve(DirectoryLock.NAME), "{\"host\":");
        SweepRefused e = assertThrows(SweepRefused.class, () -> take(tmp, 60_000));
        assertEquals(tmp + " is locked by another lossgrid run whose lock file " + DirectoryLock.NAME
                + " cannot be read (found \"{\"host\":\"); if no run is using " + tmp + ", delete "
                + tmp.resolve(DirectoryLock.NAME) + " and try again", e.getMessage());
    }

    @Test
    void theDriverRenewsItsLeaseWhileItHoldsTheLock() throws Exception {
        try (DirectoryLock mine = take(tmp, 200)) {
            long first = LockHolder.parse(Files.readString(tmp.resolve(DirectoryLock.NAME))).orElseThrow().expiresAtMs();
            clock.addAndGet(10_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long now = first;
            while (now == first && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                String text = Files.readString(tmp.resolve(DirectoryLock.NAME));
                now = LockHolder.parse(text).map(LockHolder::expiresAtMs).orElse(first);
            }
            assertEquals(clock.get() + 200, now, "renewed from the clock's new time");
        }
    }

    @Test
    void aPlainFileAsTheDirectoryIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes"), "mine");
        SweepRefused e = assertThrows(SweepRefused.class, () -> take(file, 60_000));
        assertEquals(file + " is a file, not a directory; choose another --out", e.getMessage());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsRefusedInOneLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes"), "mine");
        Path under = file.resolve("out");
        SweepRefused e = assertThrows(SweepRefused.class, () -> take(under, 60_000));
        assertTrue(e.getMessage().startsWith("cannot write to --out " + under + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; choose a directory you can write to"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void anEmptyOutIsRefused() {
        SweepRefused e = assertThrows(SweepRefused.class, () -> ResultDirectory.at("", new Configuration()));
        assertEquals("--out must name a directory, found \"\"", e.getMessage());
    }
}
