package org.jretis.filter;

import java.util.List;

/**
 * A classic BPF program as libpcap compiled it for one link type.
 *
 * @param linkType the DLT the program expects its packets in (1 Ethernet, 12 raw IP)
 * @param insns    the instructions
 */
public record CbpfProgram(int linkType, List<CbpfInsn> insns) {
    public static final int DLT_EN10MB = 1;
    public static final int DLT_RAW = 12;

    public CbpfProgram {
        insns = List.copyOf(insns);
    }

}
