package io.lossgrid.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTest {
    @Test
    void keysAreSortedAtEveryLevelAndStringsEscaped() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", "a\"b\nc");
        inner.put("a", 1.5);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("y", List.of(inner));
        outer.put("b", 2L);
        assertEquals("{\"b\":2,\"y\":[{\"a\":1.5,\"z\":\"a\\\"b\\nc\"}]}", Canonical.json(outer));
    }
}
