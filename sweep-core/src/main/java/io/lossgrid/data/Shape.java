package io.lossgrid.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A shape the {@code shapes} generator draws: each knows which pixels it covers, given the pixel's offset
 * from the shape's centre and the shape's radius, both in pixels. Strokes are about two pixels wide.
 */
public enum Shape {
    /** A circle's outline. */
    RING {
        @Override
        boolean covers(double dx, double dy, double radius) {
            return Math.abs(Math.hypot(dx, dy) - radius) <= 1.0;
        }
    },
    /** A filled circle. */
    DISC {
        @Override
        boolean covers(double dx, double dy, double radius) {
            return Math.hypot(dx, dy) <= radius;
        }
    },
    /** An axis-aligned square's outline, its half side 0.85 radius (about a ring's area). */
    SQUARE {
        @Override
        boolean covers(double dx, double dy, double radius) {
            return Math.abs(Math.max(Math.abs(dx), Math.abs(dy)) - 0.85 * radius) <= 1.0;
        }
    },
    /** A plus sign whose arms reach the radius. */
    CROSS {
        @Override
        boolean covers(double dx, double dy, double radius) {
            return Math.abs(dx) <= 1.0 && Math.abs(dy) <= radius || Math.abs(dy) <= 1.0 && Math.abs(dx) <= radius;
        }
    };

    /** The names a spec may use, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(Shape::key).toList();

    /** True when the pixel at offset ({@code dx}, {@code dy}) from the centre is part of the shape. */
    abstract boolean covers(double dx, double dy, double radius);

    /** The lower-case name used in specs. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The shape named {@code key}, or null when none is. */
    static Shape named(String key) {
        for (Shape s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }
}
