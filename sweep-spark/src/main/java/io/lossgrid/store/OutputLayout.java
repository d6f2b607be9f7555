package io.lossgrid.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a lossgrid results directory may hold, so that {@code --overwrite} deletes only such a directory
 * (or an empty one) and refuses anything else: a plain file, a symbolic link, the working directory or one
 * above it, a directory without {@code sweep.json}, or one holding anything lossgrid does not write.
 */
final class OutputLayout {
    /** Entries of a results directory besides the tables: the manifest, its temporaries, the report, the lock. */
    private static final Set<String> FILES = Set.of(ResultStore.MANIFEST, ".sweep.json.crc", ".sweep.json.tmp",
            ".sweep.json.tmp.crc", "report.html", ".report.html.crc", ".report.html.tmp", ".report.html.tmp.crc");
    private static final Set<String> TABLE_DIRS = Set.of("trials", "epochs", "iterations");
    /** A table's entries: batch folders (this layout and the former), hidden rewrites, Spark's temporaries. */
    private static final Pattern TABLE_ENTRY = Pattern.compile("batch=\\d+|batch-\\d{6}|\\.batch=\\d+\\.\\w+|_temporary");
    private static final int SHOWN = 5;

    private OutputLayout() {
    }

    /** True for the run lock's files, which a run keeps while it deletes the rest. */
    static boolean isLock(String name) {
        return name.startsWith(DirectoryLock.NAME);
    }

    /**
     * Refuses (deleting nothing) unless {@code root} is a directory that is empty or recognisably a lossgrid
     * results directory: {@code sweep.json}, the tables' batch folders, {@code analysis/}, {@code models/}, the report.
     *
     * @param cwd the working directory, which {@code root} must not be nor hold
     */
    static void refuseUnlessOurs(FileSystem fs, Path root, String uri, java.nio.file.Path cwd) throws IOException {
        String refusal = "--overwrite: " + uri;
        String fix = "; --overwrite deletes only a lossgrid results directory (sweep.json, trials/, epochs/) or an"
                + " empty one: choose another --out, or empty it yourself";
        if (isLink(root)) {
            throw new SweepRefused(refusal + " is a symbolic link, which --overwrite does not follow" + fix);
        }
        if (!fs.getFileStatus(root).isDirectory()) {
            throw new SweepRefused(refusal + " is a file, not a directory" + fix);
        }
        if (holdsWorkingDirectory(root, cwd)) {
            throw new SweepRefused(refusal + " is the working directory or one above it" + fix);
        }
        List<String> foreign = new ArrayList<>();
        boolean manifest = false;
        boolean anything = false;
        for (FileStatus s : sorted(fs.listStatus(root))) {
            String name = s.getPath().getName();
            if (isLock(name)) {
                continue;
            }
            anything = true;
            manifest |= name.equals(ResultStore.MANIFEST) && s.isFile();
            boolean ours = isLink(s.getPath()) ? false
                    : FILES.contains(name) ? s.isFile()
                    : TABLE_DIRS.contains(name) ? s.isDirectory() && tableIsOurs(fs, s.getPath(), foreign)
                    : (name.equals("analysis") || name.equals(ModelFiles.DIR)) && s.isDirectory();
            if (!ours) {
                foreign.add(s.isDirectory() ? name + "/" : name);
            }
        }
        if (!anything) {
            return;
        }
        if (!foreign.isEmpty()) {
            List<String> shown = foreign.size() > SHOWN ? foreign.subList(0, SHOWN) : foreign;
            throw new SweepRefused(refusal + " holds what lossgrid did not write (found " + String.join(", ", shown)
                    + (foreign.size() > SHOWN ? " and " + (foreign.size() - SHOWN) + " more" : "") + ")" + fix);
        }
        if (!manifest) {
            throw new SweepRefused(refusal + " has tables but no " + ResultStore.MANIFEST + ", so it is not"
                    + " recognisably a lossgrid results directory" + fix);
        }
    }

    /** Adds a table's foreign entries to {@code foreign} (named under the table); the folder itself is ours. */
    private static boolean tableIsOurs(FileSystem fs, Path table, List<String> foreign) throws IOException {
        for (FileStatus s : sorted(fs.listStatus(table))) {
            String name = s.getPath().getName();
            if (isLink(s.getPath()) || !s.isDirectory() || !TABLE_ENTRY.matcher(name).matches()) {
                foreign.add(table.getName() + "/" + name);
            }
        }
        return true;
    }

    private static List<FileStatus> sorted(FileStatus[] all) {
        List<FileStatus> out = new ArrayList<>(List.of(all));
        out.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        return out;
    }

    /** True for a symbolic link on the local file system (other file systems have none that Hadoop follows). */
    private static boolean isLink(Path p) {
        return "file".equals(p.toUri().getScheme()) && Files.isSymbolicLink(Paths.get(p.toUri()));
    }

    private static boolean holdsWorkingDirectory(Path root, java.nio.file.Path cwd) {
        if (!"file".equals(root.toUri().getScheme())) {
            return false;
        }
        try {
            return cwd.toRealPath().startsWith(Paths.get(root.toUri()).toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
