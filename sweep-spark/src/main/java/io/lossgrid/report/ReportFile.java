package io.lossgrid.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a report where its reader opens it: the one file and nothing beside it (no Hadoop {@code .crc}
 * checksum file), replaced atomically on a local disk (a reader sees the old report or the new one), and
 * named back as a plain path ({@code /home/me/out/report.html}, not {@code file:/home/me/out/report.html}).
 *
 * <p>A target without a scheme, or with {@code file:}, is a local file written with {@code java.nio}; a
 * stale {@code .NAME.crc} an earlier version left beside it is removed (it would no longer match, and Hadoop
 * would refuse to read the file). Any other scheme ({@code hdfs:}, {@code s3a:}) goes through Hadoop's file
 * system for that scheme, below its checksum layer where it has one.
 */
public final class ReportFile {
    private ReportFile() {
    }

    /**
     * Writes {@code html} to {@code target} and returns the path to show the user.
     *
     * @param target a local path, relative to the working directory or absolute, or a URI such as the results
     *               directory's {@code file:/…/report.html} or {@code hdfs://…/report.html}
     * @param conf   the Hadoop configuration for targets that are not local
     */
    public static String write(String target, Configuration conf, String html) {
        URI uri = new Path(target).toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return writeLocal(uri.getScheme() == null ? java.nio.file.Path.of(target) : java.nio.file.Path.of(uri), html);
        }
        return writeHadoop(new Path(target), conf, html);
    }

    private static String writeLocal(java.nio.file.Path file, String html) {
        java.nio.file.Path target = file.toAbsolutePath().normalize();
        java.nio.file.Path dir = target.getParent();
        java.nio.file.Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(dir.resolve("." + target.getFileName() + ".crc"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
        }
        return target.toString();
    }

    private static String writeHadoop(Path target, Configuration conf, String html) {
        try {
            FileSystem fs = target.getFileSystem(conf);
            if (fs instanceof ChecksumFileSystem checksummed) {
                fs = checksummed.getRawFileSystem();
            }
            Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(html.getBytes(StandardCharsets.UTF_8));
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException("could not replace " + target);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("could not rename " + tmp + " to " + target);
            }
            return fs.makeQualified(target).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
        }
    }
}
