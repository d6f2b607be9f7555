package io.lossgrid.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The interactive charts' code, inlined into the report so that it works offline from one file: uPlot
 * (MIT licence, from the {@code org.webjars.npm:uplot} WebJar on the classpath; its version is the one
 * sweep-spark's pom declares, read from the WebJar's own {@code pom.properties}) and lossgrid's
 * {@code charts.js}, which draws every {@link CurvePanel} of the page with it.
 */
final class ChartLibrary {
    private static final String WEBJAR = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private ChartLibrary() {
    }

    /** The style element of uPlot's CSS. */
    static String style() {
        return "<style>" + read(base() + "dist/uPlot.min.css") + "</style>\n";
    }

    /**
     * The script elements to put at the end of the body: uPlot with its licence, then charts.js, which marks
     * the root element {@code data-rendered="N"} once it has drawn all N charts.
     */
    static String scripts() {
        String base = base();
        String license = read(base + "LICENSE").replace("*/", "* /");
        return "<script>/*! uPlot " + version() + ", from the org.webjars.npm:uplot WebJar.\n" + license + "*/\n"
                + inline(read(base + "dist/uPlot.iife.min.js")) + "</script>\n<script>"
                + inline(read("/io/lossgrid/report/charts.js")) + "</script>\n";
    }

    /** The uPlot version on the classpath. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = open(WEBJAR)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR, e);
        }
        return p.getProperty("version");
    }

    private static String base() {
        return "/META-INF/resources/webjars/uplot/" + version() + "/";
    }

    /** Code that can stand inside a script element: one holding {@code </script} would end it early. */
    private static String inline(String code) {
        if (code.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
            throw new IllegalStateException("chart code must not contain </script, found it; it cannot be inlined as is");
        }
        return code;
    }

    private static String read(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = ChartLibrary.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the report's chart library is missing from the classpath: " + resource
                    + " not found; build with sweep-spark's dependencies (org.webjars.npm:uplot)");
        }
        return in;
    }
}
