package org.jretis.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    @Test
    void readsEffectiveCapabilitiesOfAStatusText() throws IOException {
        String root = "Name:\tjava\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n"
                + "CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n";
        Capabilities all = Capabilities.parseStatus(root);
        assertThat(all.hasBpf()).isTrue();
        assertThat(all.hasSysAdmin()).isTrue();
        assertThat(all.canLoadTracingPrograms()).isTrue();

        Capabilities bpfAndPerfmon = Capabilities.parseStatus("CapEff:\t000000c000000000\n");
        assertThat(bpfAndPerfmon.hasBpf()).isTrue();
        assertThat(bpfAndPerfmon.hasSysAdmin()).isFalse();
        assertThat(bpfAndPerfmon.canLoadTracingPrograms()).isTrue();

        Capabilities none = Capabilities.parseStatus("CapEff:\t0000000000000000\n");
        assertThat(none.canLoadTracingPrograms()).isFalse();
    }

    @Test
    void aStatusWithoutCapEffIsAnError() {
        assertThatThrownBy(() -> Capabilities.parseStatus("Name:\tjava\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("CapEff");
    }

    @Test
    void readsThisProcess() throws IOException {
        Capabilities mine = Capabilities.ofThisProcess();
        assertThat(mine.canLoadTracingPrograms()).isEqualTo(mine.hasSysAdmin() || mine.hasBpf() && mine.has(38));
    }
}
