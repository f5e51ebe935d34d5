package org.jretis.collect;

/** Names and values shared with the BPF programs (src/main/bpf/event.h and probe.bpf.c). */
final class BpfConfig {
    static final int SEC_META = 1;
    static final int SEC_DATAREF = 1 << 1;
    static final int SEC_GSO = 1 << 2;
    static final int SEC_STACK = 1 << 3;
    static final int SEC_PACKET = 1 << 4;
    static final int SEC_DEV = 1 << 5;
    static final int SEC_NETNS = 1 << 6;
    static final int SEC_TRACK = 1 << 7;

    private BpfConfig() {}
}
