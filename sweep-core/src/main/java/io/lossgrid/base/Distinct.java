package io.lossgrid.base;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The one duplicate check of the spec: linear in the list's size (a hash of first positions). */
public final class Distinct {
    private Distinct() {
    }

    /**
     * The first repeated value of {@code values} (by {@code equals}) as {@code {index, indexOfFirst}}, or null
     * when every value occurs once.
     */
    public static int[] firstRepeat(List<?> values) {
        Map<Object, Integer> first = new HashMap<>(Math.max(16, values.size() * 2));
        for (int i = 0; i < values.size(); i++) {
            Integer earlier = first.putIfAbsent(values.get(i), i);
            if (earlier != null) {
                return new int[] {i, earlier};
            }
        }
        return null;
    }
}
