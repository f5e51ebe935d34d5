package org.jretis.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jretis.event.json.Fixtures;
import org.jretis.log.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfileParserTest {
    private static final Path EXAMPLE = Fixtures.file("example.yaml");
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void restoreLog() {
        Log.setStream(System.err);
    }

    @Test
    void retisAnnotatedExampleIsRead() throws Exception {
        List<Profile> profiles = ProfileParser.parse(Files.readString(EXAMPLE), EXAMPLE.toString());
        assertThat(profiles).hasSize(1);
        Profile p = profiles.get(0);
        assertThat(p.name()).isEqualTo("example-profile");
        assertThat(p.about()).isEqualTo("Collects information from a certain area of the networking stack");
        assertThat(p.collect()).extracting(Profile.Flavor::name).containsExactly(
                "A minimum kernel version that has a symbol", "The specific kernel without a symbol",
                "Most of old kernels", "Recent kernels with a tracepoins", "Default");
        assertThat(p.collect().get(0).when()).containsExactly(
                new Profile.KernelVersion(">4.6.1"), new Profile.SymbolExists("some_kprobe", true));
        assertThat(p.collect().get(1).when()).contains(new Profile.SymbolExists("some_tracepoint", false));
        assertThat(p.collect().get(0).args()).containsEntry("collectors", "skb").containsEntry("ovs-track", null);
        assertThat(p.pcap()).isEmpty();
    }

    @Test
    void severalDocumentsAreSeveralProfiles() {
        List<Profile> profiles = ProfileParser.parse("""
                version: 1.0
                name: a
                collect:
                  - args: {probe: [x, y]}
                ---
                version: 1.0
                name: b
                pcap:
                  - args: {probe: tp:skb:kfree_skb}
                """, "test");
        assertThat(profiles).extracting(Profile::name).containsExactly("a", "b");
        assertThat(profiles.get(0).collect().get(0).args()).isEqualTo(Map.of("probe", List.of("x", "y")));
        assertThat(profiles.get(0).collect().get(0).name()).isEqualTo("Default");
        assertThat(profiles.get(1).flavors("pcap").get(0).args()).containsEntry("probe", "tp:skb:kfree_skb");
    }

    /** Found by fuzzing: a key YAML reads as a boolean or a number threw ClassCastException. */
    @Test
    void keysThatAreNotTextAreReadAsText() {
        List<Profile> profiles = ProfileParser.parse("""
                version: 1.0
                name: a
                collect:
                  - args: {on: 2.0, 7: x}
                """, "test");
        assertThat(profiles.get(0).collect().get(0).args()).containsEntry("true", "2.0").containsEntry("7", "x");
    }

    @Test
    void versionsAreCheckedAsRetisChecksThem() {
        Log.setStream(new PrintStream(log, true));
        assertThat(ProfileParser.parse("version: 2.0\nname: future\n", "test")).isEmpty();
        assertThat(ProfileParser.parse("version: 1.3\nname: newer\n", "test")).hasSize(1);
        assertThat(log.toString()).contains("WARN  Profile future has an unsupported version 2.0")
                .contains("WARN  Profile newer version 1.3 is newer than supported");
    }

    @Test
    void malformedProfilesSayWhatIsWrong() {
        assertThatThrownBy(() -> ProfileParser.parse("name: x\n", "t")).hasMessage("missing field `version`");
        assertThatThrownBy(() -> ProfileParser.parse("version: 1.0\n", "t")).hasMessage("missing field `name`");
        assertThatThrownBy(() -> ProfileParser.parse("version: 1.0\nname: x\ncollect: 3\n", "t"))
                .hasMessageContaining("expected a sequence");
        assertThatThrownBy(() -> ProfileParser.parse(
                "version: 1.0\nname: x\ncollect:\n  - when: [{type: moon}]\n", "t"))
                .hasMessage("unknown condition type `moon`");
        assertThatThrownBy(() -> ProfileParser.parse("version: [1.0\n", "t")).isInstanceOf(ProfileException.class);
    }

    @Test
    void yamlLayerFailuresAreProfileErrors() {
        assertThatThrownBy(() -> ProfileParser.parse("version: 1.0\nname: x\nname: y\n", "t"))
                .isInstanceOf(ProfileException.class).hasMessage("found duplicate key name at line 3");
        // SnakeYAML resolves `._` as a float and then fails to parse it (found by fuzzing)
        assertThatThrownBy(() -> ProfileParser.parse("pcap: ._\n", "t"))
                .isInstanceOf(ProfileException.class).hasMessageStartingWith("invalid YAML");
        assertThatThrownBy(() -> ProfileParser.parse("version: .\nname: x\n", "t")).hasMessage("invalid version `.`");
        assertThatThrownBy(() -> ProfileParser.parse("version: 99999999999\nname: x\n", "t"))
                .hasMessage("invalid version `99999999999`");
    }
}
