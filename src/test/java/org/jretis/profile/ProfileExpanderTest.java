package org.jretis.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jretis.log.Log;
import org.jretis.probe.KernelSymbols;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileExpanderTest {
    private static final KernelConditions NO_KPROBES = new KernelConditions("6.18.44-fc",
            new KernelSymbols(Set.of("ip_rcv", "__traceiter_kfree_skb")));
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @AfterEach
    void restoreLog() {
        Log.setStream(System.err);
    }

    private List<String> expand(String subcommand, String... profiles) {
        Log.setStream(new PrintStream(log, true));
        return ProfileExpander.expand(List.of(profiles), new ProfileStore(dir), NO_KPROBES, subcommand);
    }

    @Test
    void argumentsAreAppendedInAlphabeticalOrderAsRetisAppendsThem() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("skb_sections", "meta,gso");
        args.put("probe", List.of("a", "b"));
        args.put("collectors", "skb");
        args.put("ovs-track", null);
        assertThat(ProfileExpander.arguments(args)).containsExactly("--collectors", "skb", "--ovs-track",
                "--probe", "a", "--probe", "b", "--skb-sections", "meta,gso");
    }

    @Test
    void builtInDropmonAddsItsCollectorsAndProbe() {
        assertThat(expand("collect", "dropmon"))
                .containsExactly("--collectors", "skb-drop,skb,dev,ns", "--probe", "tp:skb:kfree_skb/stack");
        assertThat(log.toString()).isEqualTo("Applying profile dropmon\n");
        assertThat(expand("pcap", "dropmon")).containsExactly("--probe", "tp:skb:kfree_skb");
    }

    @Test
    void genericTakesItsTracepointOnlyFlavourOnAKernelWithoutKprobes() {
        List<String> args = expand("collect", "generic");
        assertThat(log.toString()).isEqualTo("Applying profile generic: Tracepoints only\n");
        assertThat(args).doesNotContain("kprobe:ip_rcv").contains("tp:net:net_dev_xmit", "tp:skb:kfree_skb");
        KernelConditions withKprobes = new KernelConditions("6.18.0", new KernelSymbols(Set.of("register_kprobe")));
        assertThat(ProfileExpander.expand(List.of("generic"), new ProfileStore(dir), withKprobes, "collect"))
                .contains("kprobe:ip_rcv");
    }

    @Test
    void conditionsOnVersionsAndSymbolsPickTheFirstMatchingFlavor() throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), """
                version: 1.0
                name: mine
                collect:
                  - name: old
                    when: [{type: version, version: "<5"}]
                    args: {probe: old}
                  - name: with kprobes
                    when: [{type: symbol, name: register_kprobe}]
                    args: {probe: kp}
                  - name: with the kfree_skb tracepoint
                    when: [{type: symbol, name: "skb:kfree_skb"}, {type: version, version: ">=6.1, <7"}]
                    args: {probe: tp}
                """);
        assertThat(expand("collect", "mine")).containsExactly("--probe", "tp");
        assertThat(log.toString()).isEqualTo("Applying profile mine: with the kfree_skb tracepoint\n");
    }

    @Test
    void aProfileWithoutMatchingFlavorAddsNothingAndWarns() throws Exception {
        Files.writeString(dir.resolve("never.yml"), """
                version: 1.0
                name: never
                collect:
                  - when: [{type: symbol, name: "skb:kfree_skb", exists: false}]
                    args: {probe: x}
                """);
        assertThat(expand("collect", "never")).isEmpty();
        assertThat(log.toString()).isEqualTo("WARN  None of the collect profiles defined in never were selected\n");
    }

    @Test
    void aProfileGivenByPathIsApplied() throws Exception {
        Path file = dir.resolve("sub/one.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "version: 1.0\nname: one\ncollect:\n  - args: {stack: ~}\n");
        assertThat(expand("collect", file.toString())).containsExactly("--stack");
    }

    @Test
    void onlyCollectAndPcapAcceptProfiles() {
        assertThatThrownBy(() -> expand("print", "dropmon"))
                .hasMessage("Subcommand print does not support profile enhancement");
        assertThatThrownBy(() -> expand("collect", "nope")).hasMessage("Could not find profile nope");
    }
}
