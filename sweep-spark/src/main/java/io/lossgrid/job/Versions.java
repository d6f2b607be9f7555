package io.lossgrid.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of lossgrid and the stack it runs on, for {@code sweep.json}. */
public final class Versions {
    private Versions() {
    }

    public static Map<String, String> all(String sparkRuntimeVersion) {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/io/lossgrid/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lossgrid", p.getProperty("lossgrid", "unknown"));
        m.put("dl4j", p.getProperty("dl4j", "unknown"));
        m.put("spark", sparkRuntimeVersion);
        m.put("scala", p.getProperty("scala", "unknown"));
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }
}
