package org.jretis.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jretis.collector.Units;
import org.jretis.collector.ct.Ct;
import org.jretis.collector.nft.Nft;
import org.jretis.probe.ArgType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CollectorsTest {

    @Test
    void autoReadsEveryKnownTypeButAddsNoDropProbe() throws CollectException {
        Collectors auto = Collectors.parse(List.of());
        assertThat(auto.isDefault()).isTrue();
        assertThat(auto.addsDropProbe()).isFalse();
        assertThat(auto.readable()).containsExactlyInAnyOrder(ArgType.values());
    }

    @Test
    void namingSkbDropAddsItsProbeAndLeavesTheDefaults() throws CollectException {
        Collectors dropmon = Collectors.parse(List.of("skb-drop", "skb", "dev", "ns"));
        assertThat(dropmon.addsDropProbe()).isTrue();
        assertThat(dropmon.isDefault()).isFalse();
        assertThat(dropmon.has(Collectors.Name.SKB_TRACKING)).isFalse();
        assertThat(Collectors.parse(List.of("skb-drop", "auto")).addsDropProbe()).isTrue();
    }

    @Test
    void eachCollectorReadsItsOwnTypes() throws CollectException {
        assertThat(Collectors.parse(List.of("skb")).readable()).containsExactly(ArgType.SKB);
        assertThat(Collectors.parse(List.of("dev")).readable()).containsExactlyInAnyOrder(ArgType.SKB, ArgType.NET_DEVICE);
        assertThat(Collectors.parse(List.of("ns")).readable())
                .containsExactlyInAnyOrder(ArgType.SKB, ArgType.NET_DEVICE, ArgType.NET);
        assertThat(Collectors.parse(List.of("skb-drop")).readable()).containsExactly(ArgType.DROP_REASON);
    }

    @Test
    void collectorsOfOtherProjectsAreRefusedByName() {
        assertThatThrownBy(() -> Collectors.parse(List.of("ovs")))
                .hasMessage("Cannot run collector ovs: not supported by jretis yet");
    }

    @Test
    void unitsJoinAutoWhereTheyCanRunAndNamedOnesMust() throws CollectException {
        Assumptions.assumeTrue(Ct.UNIT.cannotRun() == null, "conntrack is not available here");
        assertThat(Collectors.parse(List.of()).units()).containsExactly(Ct.UNIT);
        assertThat(Collectors.parse(List.of()).isDefault()).isTrue();
        Collectors ct = Collectors.parse(List.of("ct"));
        assertThat(ct.units()).containsExactly(Ct.UNIT);
        assertThat(ct.readable()).containsExactly(ArgType.SKB);
        assertThat(ct.isDefault()).isFalse();
        assertThat(ct.describe()).isEqualTo("ct");
        assertThat(Collectors.parse(List.of("skb")).units()).isEmpty();
    }

    @Test
    void nftFromNetlinkRunsWhenNamedWithTheCollectorsThatJoinItsTraces() throws CollectException {
        Assumptions.assumeTrue(Nft.UNIT.tracesFromNetlink(), "this kernel has kprobes: nft runs Retis' way");
        Collectors nft = Collectors.parse(List.of("nft"));
        assertThat(nft.joinsPacketEvents()).isTrue();
        assertThat(nft.units()).containsExactly(Nft.UNIT);
        assertThat(List.of(Collectors.Name.SKB_TRACKING, Collectors.Name.SKB, Collectors.Name.DEV, Collectors.Name.NS))
                .allMatch(nft::has);
        assertThat(Collectors.parse(List.of()).units()).doesNotContain(Nft.UNIT);
    }

    /** Units plug into the pipeline through Unit's hooks: the collection code names none of them. */
    @Test
    void theCollectionNamesNoUnit() throws IOException {
        String[] units = Units.ALL.stream().map(u -> u.getClass().getSimpleName() + ".").toArray(String[]::new);
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/jretis/collect"))) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(file -> assertThat(Files.readString(file))
                    .as(file.toString()).doesNotContainPattern("org\\.jretis\\.collector\\.\\w+\\.").doesNotContain(units));
        }
    }
}
