package org.jretis.text;

/** Durations for people: {@code 850ns}, {@code 12.345µs}, {@code 5.123ms}, {@code 1.234s}. */
public final class Durations {

    private Durations() {}

    /** {@code +12.345µs}, or {@code -0.120µs} when the clock of another CPU put it before. */
    public static StringBuilder appendDelta(long nanos, StringBuilder out) {
        return append(Math.abs(nanos), out.append(nanos < 0 ? '-' : '+'));
    }

    public static StringBuilder append(long nanos, StringBuilder out) {
        if (nanos < 1_000) {
            return out.append(nanos).append("ns");
        }
        long unit;
        String name;
        if (nanos < 1_000_000) {
            unit = 1_000;
            name = "\u00b5s";
        } else if (nanos < 1_000_000_000) {
            unit = 1_000_000;
            name = "ms";
        } else {
            unit = 1_000_000_000;
            name = "s";
        }
        // Three decimals, rounded down: a hop is never shown longer than it was.
        long thousandths = nanos / (unit / 1_000);
        out.append(thousandths / 1_000).append('.');
        long fraction = thousandths % 1_000;
        if (fraction < 100) {
            out.append('0');
        }
        if (fraction < 10) {
            out.append('0');
        }
        return out.append(fraction).append(name);
    }

    public static String toString(long nanos) {
        return append(nanos, new StringBuilder()).toString();
    }
}
