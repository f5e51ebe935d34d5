package org.jretis.btf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module's BTF is split BTF: its type ids and string offsets continue from vmlinux'. Checked on
 * a small vmlinux and module laid out as /sys/kernel/btf is, whose every id and offset is known.
 */
class SplitBtfTest {
    /** vmlinux' strings: offsets 1 "int", 5 "sk_buff", 13 "net_device". */
    private static final String BASE_STRINGS = "\0int\0sk_buff\0net_device\0";
    private static final int BASE_STRINGS_LEN = BASE_STRINGS.length();
    /** The module's strings start at the end of vmlinux' ones. */
    private static final String MODULE_STRINGS = "ovs_vport_receive\0ovs_drop_reason\0OVS_DROP_LAST_ACTION\0btf_trace_ovs_rx\0";

    @TempDir
    Path sysKernelBtf;

    private static int moduleString(String s) {
        return BASE_STRINGS_LEN + MODULE_STRINGS.indexOf(s + "\0");
    }

    private static byte[] btf(String strings, int... typeWords) {
        ByteBuffer types = ByteBuffer.allocate(4 * typeWords.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : typeWords) {
            types.putInt(w);
        }
        byte[] str = strings.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(24)
                .putInt(0).putInt(types.capacity()).putInt(types.capacity()).putInt(str.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(types.array());
        out.writeBytes(str);
        return out.toByteArray();
    }

    private static int info(int kind, int vlen) {
        return kind << 24 | vlen;
    }

    private Btf vmlinuxWithModule() throws Exception {
        Files.write(sysKernelBtf.resolve("vmlinux"), btf(BASE_STRINGS,
                1, info(Btf.KIND_INT, 0), 4, 1 << 24 | 32,   // [1] int, signed, 32 bits
                5, info(Btf.KIND_STRUCT, 0), 0,              // [2] struct sk_buff (no members here)
                0, info(Btf.KIND_PTR, 0), 2));               // [3] struct sk_buff *
        Files.write(sysKernelBtf.resolve("openvswitch"), btf(MODULE_STRINGS,
                0, info(Btf.KIND_FUNC_PROTO, 2), 1, 0, 1, 0, 3,                  // [4] int (int, struct sk_buff *)
                moduleString("ovs_vport_receive"), info(Btf.KIND_FUNC, 0), 4,    // [5]
                moduleString("ovs_drop_reason"), info(Btf.KIND_ENUM, 1), 4,      // [6]
                moduleString("OVS_DROP_LAST_ACTION"), 2 << 16 | 1,
                0, info(Btf.KIND_PTR, 0), 4,                                     // [7] pointer to [4]
                moduleString("btf_trace_ovs_rx"), info(Btf.KIND_TYPEDEF, 0), 7,  // [8]
                13, info(Btf.KIND_TYPEDEF, 0), 3));                              // [9] named by vmlinux' "net_device"
        return Btf.kernel(sysKernelBtf);
    }

    @Test
    void aModulesTypesAndStringsContinueFromVmlinux() throws Exception {
        Btf vmlinux = vmlinuxWithModule();
        assertThat(vmlinux.moduleNames()).containsExactly("openvswitch");
        Btf module = vmlinux.module("openvswitch").orElseThrow();
        assertThat(module.typeCount()).isEqualTo(10);
        assertThat(module.functionParams("ovs_vport_receive")).containsExactly("int", "struct sk_buff *");
        assertThat(module.tracepointArgs("ovs_rx")).containsExactly("struct sk_buff *");
        assertThat(module.enumValues("ovs_drop_reason")).isEqualTo(Map.of((2L << 16) | 1, "OVS_DROP_LAST_ACTION"));
        assertThat(module.find("net_device", Btf.KIND_TYPEDEF)).isEqualTo(9);
        assertThat(module.name(9)).isEqualTo("net_device");
        assertThat(module.isSigned(1)).as("a vmlinux type seen from the module").isTrue();
    }

    @Test
    void manyFunctionLookupsGiveWhatTheFirstOnesGave() throws Exception {
        Btf module = vmlinuxWithModule().module("openvswitch").orElseThrow();
        for (int i = 0; i < 40; i++) {
            assertThat(module.functionParams("ovs_vport_receive")).as("lookup %d", i).containsExactly("int", "struct sk_buff *");
            assertThatThrownBy(() -> module.functionParams("ovs_drop_reason")).isInstanceOf(BtfException.class);
        }
    }

    @Test
    void lookupsInAModuleSearchItsOwnTypesAndModulesAreReadOnce() throws Exception {
        Btf vmlinux = vmlinuxWithModule();
        Btf module = vmlinux.module("openvswitch").orElseThrow();
        assertThat(module.find("sk_buff", Btf.KIND_STRUCT)).isEqualTo(-1);
        assertThat(vmlinux.find("sk_buff", Btf.KIND_STRUCT)).isEqualTo(2);
        assertThat(vmlinux.find("ovs_vport_receive", Btf.KIND_FUNC)).isEqualTo(-1);
        assertThat(vmlinux.module("openvswitch")).containsSame(module);
        assertThat(vmlinux.module("not_loaded")).isEmpty();
        assertThat(vmlinux.module("vmlinux")).isEmpty();
        assertThat(Btf.read(sysKernelBtf.resolve("vmlinux")).module("openvswitch"))
                .as("BTF read from a file knows no modules").isEmpty();
    }
}
