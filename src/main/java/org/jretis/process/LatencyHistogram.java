package org.jretis.process;

import java.util.Arrays;

/**
 * Nanosecond latencies of one hop pair in bounded memory: the values themselves while there are
 * few (percentiles exact), then a log-linear histogram of {@value #SUB_BUCKETS} buckets per power of
 * two (percentiles within 1 %, the maximum still exact). A file of any size then takes at most
 * {@value #EXACT_LIMIT} longs or the histogram's ints per pair.
 */
final class LatencyHistogram {
    static final int EXACT_LIMIT = 4096;
    private static final int SUB_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;

    private long[] exact = new long[8];
    private int[] buckets;
    private long count;
    private long max;

    void add(long nanos) {
        long value = Math.max(nanos, 0);
        max = Math.max(max, value);
        count++;
        if (buckets == null) {
            if (count > EXACT_LIMIT) {
                buckets = new int[(64 - SUB_BITS + 1) * SUB_BUCKETS];
                for (long v : exact) {
                    buckets[bucket(v)]++;
                }
                exact = null;
            } else {
                if (count > exact.length) {
                    exact = Arrays.copyOf(exact, exact.length * 2);
                }
                exact[(int) count - 1] = value;
                return;
            }
        }
        buckets[bucket(value)]++;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    /** Nearest rank: the smallest value with at least {@code q} of all values at or below it. */
    long percentile(double q) {
        long rank = Math.max((long) Math.ceil(q * count), 1);
        if (buckets == null) {
            long[] sorted = Arrays.copyOf(exact, (int) count);
            Arrays.sort(sorted);
            return sorted[(int) rank - 1];
        }
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    /** Values below {@code 2^SUB_BITS} get a bucket each; above, the SUB_BITS bits after the top one pick one. */
    static int bucket(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS;
        return (shift + 1) * SUB_BUCKETS + (int) ((value >>> shift) - SUB_BUCKETS);
    }

    /** The largest value that falls into bucket {@code index}. */
    static long upperBound(int index) {
        int shift = index / SUB_BUCKETS - 1;
        long sub = index % SUB_BUCKETS;
        if (shift < 0) {
            return sub;
        }
        long bound = ((SUB_BUCKETS + sub + 1) << shift) - 1;
        return bound < 0 ? Long.MAX_VALUE : bound; // the last bucket reaches 2^64
    }
}
