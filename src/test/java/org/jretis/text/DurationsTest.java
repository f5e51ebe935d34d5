package org.jretis.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void scaleAndThreeDecimalsRoundedDown() {
        assertThat(Durations.toString(850)).isEqualTo("850ns");
        assertThat(Durations.toString(12_345)).isEqualTo("12.345\u00b5s");
        assertThat(Durations.toString(1_000)).isEqualTo("1.000\u00b5s");
        assertThat(Durations.toString(5_123_999)).isEqualTo("5.123ms");
        assertThat(Durations.toString(1_002_000_000L)).isEqualTo("1.002s");
    }

    @Test
    void deltasAreSigned() {
        assertThat(Durations.appendDelta(12_300, new StringBuilder()).toString()).isEqualTo("+12.300\u00b5s");
        assertThat(Durations.appendDelta(-120, new StringBuilder()).toString()).isEqualTo("-120ns");
    }
}
