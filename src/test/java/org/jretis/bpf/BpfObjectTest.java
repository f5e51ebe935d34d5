package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opens (never loads) the test object: no root needed. */
class BpfObjectTest {
    static final String OBJECT = "bpf/ringtest.bpf.o";
    private static final int BPF_MAP_TYPE_RINGBUF = 27;

    @Test
    void readsTheInitialValuesOfReadOnlyGlobalsFoundThroughBtf() throws Exception {
        try (BpfObject object = BpfObject.openResource(OBJECT)) {
            assertThat(object.name()).isEqualTo("ringtest");
            assertThat(object.rodataVariable("magic").get(JAVA_INT, 0)).isEqualTo(0x6a726574);
            assertThat(object.rodataVariable("small").get(JAVA_BYTE, 0)).isEqualTo((byte) 7);
            assertThat(object.rodataVariable("negative").get(JAVA_SHORT, 0)).isEqualTo((short) -2);
            assertThat(object.rodataVariable("wide").get(JAVA_LONG_UNALIGNED, 0)).isEqualTo(0x0102030405060708L);
            assertThat(object.rodataVariable("target_netns").byteSize()).isEqualTo(4);
        }
    }

    @Test
    void setsReadOnlyGlobalsByName() throws Exception {
        try (BpfObject object = BpfObject.openResource(OBJECT)) {
            object.setRodata("target_netns", 4026531840L); // above Integer.MAX_VALUE: a u32
            object.setRodata("negative", -5);
            object.setRodata("small", 255);
            object.setRodata("wide", -1);

            assertThat(Integer.toUnsignedLong(object.rodataVariable("target_netns").get(JAVA_INT, 0)))
                    .isEqualTo(4026531840L);
            assertThat(object.rodataVariable("negative").get(JAVA_SHORT, 0)).isEqualTo((short) -5);
            assertThat(object.rodataVariable("small").get(JAVA_BYTE, 0)).isEqualTo((byte) 255);
            assertThat(object.rodataVariable("wide").get(JAVA_LONG_UNALIGNED, 0)).isEqualTo(-1L);
            // Its neighbours are untouched.
            assertThat(object.rodataVariable("magic").get(JAVA_INT, 0)).isEqualTo(0x6a726574);
        }
    }

    @Test
    void refusesValuesThatDoNotFitAndUnknownGlobals() throws Exception {
        try (BpfObject object = BpfObject.openResource(OBJECT)) {
            assertThatThrownBy(() -> object.setRodata("small", 256))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("256 does not fit in 1-byte global 'small'");
            assertThatThrownBy(() -> object.setRodata("nothing", 1))
                    .isInstanceOf(BpfException.class)
                    .hasMessage("BPF object 'ringtest' has no read-only global 'nothing'");
        }
    }

    @Test
    void describesMapsAndProgramsBeforeLoad() throws Exception {
        try (BpfObject object = BpfObject.openResource(OBJECT)) {
            BpfMap events = object.map("events");
            assertThat(events.type()).isEqualTo(BPF_MAP_TYPE_RINGBUF);
            assertThat(events.maxEntries()).isEqualTo(4096);
            events.setMaxEntries(1 << 16);
            assertThat(events.maxEntries()).isEqualTo(1 << 16);
            assertThat(events.isPerCpu()).isFalse();

            BpfMap hits = object.map("hits");
            assertThat(hits.isPerCpu()).isTrue();
            assertThat(hits.keySize()).isEqualTo(4);
            assertThat(hits.valueSize()).isEqualTo(8);
            assertThat(hits.lookupSize()).isEqualTo(8L * BpfMap.possibleCpus());
            assertThatThrownBy(hits::fd).isInstanceOf(IllegalStateException.class);

            assertThat(object.program("on_receive").sectionName()).isEqualTo("raw_tp/netif_receive_skb");
            assertThatThrownBy(() -> object.map("nope")).hasMessage("BPF object 'ringtest' has no map 'nope'");
            assertThatThrownBy(() -> object.program("nope"))
                    .hasMessage("BPF object 'ringtest' has no program 'nope'");
        }
    }

    @Test
    void aClosedObjectRefusesUse() throws Exception {
        BpfObject object = BpfObject.openResource(OBJECT);
        object.close();
        object.close();
        assertThatThrownBy(() -> object.map("events")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void garbageIsNotAnObjectAndLibbpfSaysWhyThroughTheLogHook() throws Exception {
        List<String> warnings = new ArrayList<>();
        BpfLog.setHandler((level, message) -> {
            if (level == Level.WARNING) {
                warnings.add(message);
            }
        });
        try {
            assertThatThrownBy(() -> BpfObject.open("junk", "not an ELF file".getBytes()))
                    .isInstanceOf(BpfException.class)
                    .hasMessageStartingWith("cannot open BPF object 'junk': ");
            assertThat(warnings).isNotEmpty().allMatch(w -> w.startsWith("libbpf: ") && !w.endsWith("\n"));
        } finally {
            BpfLog.setHandler(System.getLogger("libbpf")::log);
        }
    }

    @Test
    void aMissingResourceIsNamed() {
        assertThatThrownBy(() -> BpfObject.openResource("bpf/none.bpf.o"))
                .isInstanceOf(BpfException.class)
                .hasMessage("no BPF object bpf/none.bpf.o on the class path");
    }
}
