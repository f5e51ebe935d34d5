package org.jretis.event.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every section's JSON names are spelled once in main code: in its names class (a {@code *Json}
 * class: {@link CommonJson}, ..., the collector units' own), and as a string literal nowhere
 * else. Where the same word means something else (a collector's or an option's name, a BPF
 * program's, another section's field), the file is listed below with why.
 */
class SectionNamesOnceTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"\\\\]*)\";");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Files where a word that is also a JSON name means something else: file -> those words. */
    private static final Map<String, Set<String>> OTHER_MEANING = Map.ofEntries(
            // collector names of -c, and the --skb-sections values (Retis' own options)
            Map.entry("org/jretis/collect/Collectors.java", Set.of("skb", "skb-drop", "skb-tracking", "dev", "ns", "ovs")),
            Map.entry("org/jretis/collect/SkbSections.java",
                    Set.of("packet", "dev", "ns", "meta", "dataref", "gso", "ip", "tcp", "udp", "icmp")),
            // names of BPF objects and programs
            Map.entry("org/jretis/collect/KernelProbes.java", Set.of("tracking")),
            Map.entry("org/jretis/collect/InitialNetns.java", Set.of("init_netns_inum")),
            // the text of an ovs upcall's command and of a ct action's flag, a duration's unit
            Map.entry("org/jretis/text/OvsText.java", Set.of("action", "hash")),
            Map.entry("org/jretis/text/Durations.java", Set.of("ns")),
            // profile YAML keys, libc's struct utsname, a parameter's name
            Map.entry("org/jretis/profile/ProfileParser.java", Set.of("name", "symbol", "type", "version", "Default")),
            Map.entry("org/jretis/bpf/Libc.java", Set.of("machine", "version")),
            Map.entry("org/jretis/sink/pcapng/PcapngProbe.java", Set.of("symbol")),
            // ct's state names, read from the kernel's enum
            Map.entry("org/jretis/collector/ct/CtRecord.java", Set.of("reply")),
            // a development version, /proc's file of a task's name
            Map.entry("org/jretis/BuildInfo.java", Set.of("dev")),
            Map.entry("org/jretis/collect/NetnsNames.java", Set.of("comm")),
            // keys of `nft -j list ruleset`, an nftables family's name
            Map.entry("org/jretis/collector/nft/NftRuleset.java", Set.of("name")),
            Map.entry("org/jretis/collector/nft/NftTraceJoin.java", Set.of("ip")));

    @Test
    void eachNameIsSpelledOnlyInItsNamesClass() throws IOException {
        Map<String, List<String>> declaredIn = new HashMap<>();
        List<String> twiceInOneClass = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : sources) {
            if (isNamesClass(file)) {
                Set<String> seen = new TreeSet<>();
                Matcher m = CONSTANT.matcher(read(file));
                while (m.find()) {
                    if (!seen.add(m.group(2))) {
                        twiceInOneClass.add(name(file) + ": " + m.group(2));
                    }
                    declaredIn.computeIfAbsent(m.group(2), n -> new ArrayList<>()).add(name(file));
                }
            }
        }
        assertThat(declaredIn).containsKeys(CommonJson.SECTION, CommonJson.TIMESTAMP, StartupJson.SECTION);
        assertThat(twiceInOneClass).as("a name declared twice in one names class").isEmpty();

        List<String> spelledElsewhere = new ArrayList<>();
        Set<String> otherMeaningsSeen = new TreeSet<>();
        for (Path file : sources) {
            if (isNamesClass(file)) {
                continue;
            }
            Set<String> otherMeaning = OTHER_MEANING.getOrDefault(name(file), Set.of());
            Matcher m = LITERAL.matcher(COMMENT.matcher(read(file)).replaceAll(""));
            while (m.find()) {
                String literal = m.group(1);
                if (otherMeaning.contains(literal)) {
                    otherMeaningsSeen.add(name(file) + ": " + literal);
                } else if (declaredIn.containsKey(literal)) {
                    spelledElsewhere.add(name(file) + ": \"" + literal + "\" (a name of " + declaredIn.get(literal) + ")");
                }
            }
        }
        assertThat(spelledElsewhere).as("JSON names spelled outside their names class").isEmpty();
        List<String> otherMeanings = new ArrayList<>();
        OTHER_MEANING.forEach((file, words) -> words.forEach(w -> otherMeanings.add(file + ": " + w)));
        assertThat(otherMeaningsSeen).as("words listed with another meaning, still there")
                .containsExactlyInAnyOrderElementsOf(otherMeanings);
    }

    @Test
    void theRegistryListsEachTypedSectionOnceInRetisOrder() {
        assertThat(CoreSections.ALL).extracting(CoreSection::name).doesNotHaveDuplicates().containsExactly(
                CommonJson.SECTION, KernelJson.SECTION, UserspaceJson.SECTION, TrackingJson.SECTION,
                SkbTrackingJson.SECTION, SkbDropJson.SECTION, PacketJson.SECTION, SkbJson.SECTION, NetnsJson.SECTION,
                DevJson.SECTION, StartupJson.SECTION);
        assertThat(EventJson.SECTION_ORDER).startsWith(CommonJson.SECTION).endsWith(StartupJson.SECTION)
                .doesNotHaveDuplicates();
    }

    private static boolean isNamesClass(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("Json.java") && !name.equals("EventJson.java");
    }

    private static String name(Path file) {
        return MAIN.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
