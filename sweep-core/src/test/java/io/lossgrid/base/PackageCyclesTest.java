package io.lossgrid.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of each module form a stack: no package reaches, through its imports and qualified names,
 * back to itself, and {@code base} uses no other lossgrid package. Read from the sources of both modules.
 */
class PackageCyclesTest {
    private static final Pattern REF = Pattern.compile("\\bio\\.lossgrid\\.([a-z]+)\\.[A-Z]");

    @Test
    void sweepCorePackagesFormNoCycle() {
        assertEquals(List.of(), cycles(graph(Path.of("src/main/java"))));
    }

    @Test
    void sweepSparkPackagesFormNoCycle() {
        assertEquals(List.of(), cycles(graph(Path.of("../sweep-spark/src/main/java"))));
    }

    @Test
    void basePackageUsesNoOtherLossgridPackage() {
        Map<String, Set<String>> g = graph(Path.of("src/main/java"));
        assertTrue(g.containsKey("base"), "the base package exists");
        assertEquals(Set.of(), g.get("base"));
    }

    @Test
    void aCycleIsFoundWhenOneExists() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertEquals(List.of("a -> b -> c -> a"), cycles(g));
    }

    /** Package -> the other lossgrid packages its sources name. */
    static Map<String, Set<String>> graph(Path sourceRoot) {
        Map<String, Set<String>> g = new TreeMap<>();
        Path root = sourceRoot.resolve("io/lossgrid");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
                if (pkg.contains(".")) {
                    pkg = pkg.substring(0, pkg.indexOf('.'));
                }
                Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REF.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        deps.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    /** Each elementary cycle found by depth-first search, written from its smallest package. */
    static List<String> cycles(Map<String, Set<String>> g) {
        Set<String> found = new TreeSet<>();
        for (String start : g.keySet()) {
            walk(g, start, new ArrayList<>(List.of(start)), found);
        }
        return List.copyOf(found);
    }

    private static void walk(Map<String, Set<String>> g, String start, List<String> path, Set<String> found) {
        for (String next : g.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(start)) {
                if (path.stream().allMatch(p -> p.compareTo(start) >= 0)) {
                    found.add(String.join(" -> ", path) + " -> " + start);
                }
            } else if (!path.contains(next) && g.containsKey(next)) {
                path.add(next);
                walk(g, start, path, found);
                path.remove(path.size() - 1);
            }
        }
    }
}
