package org.jretis.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void nearestRankWhileExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 10; v >= 1; v--) {
            h.add(v);
        }
        assertThat(h.percentile(0.5)).isEqualTo(5);
        assertThat(h.percentile(0.9)).isEqualTo(9);
        assertThat(h.percentile(0.99)).isEqualTo(10);
        assertThat(h.max()).isEqualTo(10);
    }

    @Test
    void withinOnePercentOnceFoldedIntoBuckets() {
        LatencyHistogram h = new LatencyHistogram();
        int n = 1_000_000;
        for (int i = 1; i <= n; i++) {
            h.add(i * 1_000L); // 1 µs to 1 s, evenly
        }
        assertThat(h.count()).isEqualTo(n);
        assertThat((double) h.percentile(0.5)).isCloseTo(500_000_000.0, within(5_000_000.0));
        assertThat((double) h.percentile(0.99)).isCloseTo(990_000_000.0, within(9_900_000.0));
        assertThat(h.max()).isEqualTo(1_000_000_000L);
    }

    @Test
    void everyValueFallsIntoABucketWhoseBoundHoldsIt() {
        for (long v : new long[] {0, 1, 127, 128, 129, 255, 256, 1_000_003, Long.MAX_VALUE}) {
            int bucket = LatencyHistogram.bucket(v);
            assertThat(LatencyHistogram.upperBound(bucket)).isGreaterThanOrEqualTo(v);
            if (bucket > 0) {
                assertThat(LatencyHistogram.upperBound(bucket - 1)).isLessThan(v);
            }
        }
    }
}
