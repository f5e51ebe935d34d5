package org.jretis.filter;

import static org.jretis.filter.Ebpf.FP;
import static org.jretis.filter.Ebpf.R0;
import static org.jretis.filter.Ebpf.R1;
import static org.jretis.filter.Ebpf.R2;
import static org.jretis.filter.Ebpf.R3;
import static org.jretis.filter.Ebpf.R6;
import static org.jretis.filter.Ebpf.R7;
import static org.jretis.filter.Ebpf.R8;
import static org.jretis.filter.Ebpf.R9;

import java.util.List;

/**
 * Classic BPF → eBPF, as the body of a function {@code int f(u64 data, u64 len)} that may read
 * kernel memory only through {@code bpf_probe_read_kernel}: the packet is not the program's
 * context but bytes somewhere in the kernel (an skb's head), given as a plain address.
 * Modelled on the kernel's {@code bpf_convert_filter}. Registers: A → w0, X → w7, data → r8,
 * len → r6, r9 keeps A across a helper call; scratch M[i] at fp-16-8i, the read buffer at fp-8.
 * Loads at constant offsets within the first {@value #HEADER_BYTES} bytes (Ethernet, IP and
 * transport headers: most of what a filter reads) come from a copy of those bytes made once,
 * at fp-200: one helper call per run instead of one per load (~30 ns each).
 * Semantics are libpcap's {@code bpf_filter}: A and X start at 0, a load past the end of the
 * packet or a division by X = 0 returns 0, arithmetic is 32-bit unsigned.
 */
final class CbpfTranslator {
    private static final int READ_BUFFER = -8;
    private static final int HEADER = -200;
    private static final int HEADER_BYTES = 64;

    private final List<CbpfInsn> program;
    private final Ebpf out = new Ebpf();
    private final Ebpf.Label reject = out.label();
    private final Ebpf.Label[] starts;

    private CbpfTranslator(List<CbpfInsn> program) {
        this.program = program;
        this.starts = new Ebpf.Label[program.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = out.label();
        }
    }

    /** The eBPF body of {@code program}. */
    static long[] translate(CbpfProgram program) throws FilterException {
        return new CbpfTranslator(program.insns()).run();
    }

    /** A body that refuses every packet. */
    static long[] rejectAll() {
        Ebpf out = new Ebpf();
        out.alu32(Ebpf.MOV, R0, 0);
        out.exit();
        try {
            return out.build();
        } catch (FilterException e) {
            throw new IllegalStateException(e);
        }
    }

    private long[] run() throws FilterException {
        if (program.isEmpty()) {
            throw new FilterException("empty filter program");
        }
        out.jumpIf(Ebpf.JEQ, R1, 0, reject);
        out.alu64Reg(Ebpf.MOV, R8, R1);
        out.alu64Reg(Ebpf.MOV, R6, R2);
        if (program.stream().anyMatch(CbpfTranslator::fromHeader)) {
            copyHeader();
        }
        out.alu32(Ebpf.MOV, R0, 0);
        out.alu32(Ebpf.MOV, R7, 0);
        // Scratch words start at 0, like libpcap's; the verifier also wants them written first.
        if (program.stream().anyMatch(i -> i.cls() == CbpfInsn.ST || i.cls() == CbpfInsn.STX
                || ((i.cls() == CbpfInsn.LD || i.cls() == CbpfInsn.LDX) && i.mode() == CbpfInsn.MEM))) {
            for (int m = 0; m < CbpfInsn.MEMWORDS; m++) {
                out.storeImm(Ebpf.DW, FP, scratch(m), 0);
            }
        }
        for (int pc = 0; pc < program.size(); pc++) {
            out.bind(starts[pc]);
            translate(pc, program.get(pc));
        }
        out.bind(reject);
        out.alu32(Ebpf.MOV, R0, 0);
        out.exit();
        return out.build();
    }

    /** Whether a load reads bytes at a constant offset within the header copy. */
    private static boolean fromHeader(CbpfInsn insn) {
        boolean abs = insn.cls() == CbpfInsn.LD && insn.mode() == CbpfInsn.ABS;
        boolean msh = insn.cls() == CbpfInsn.LDX && insn.mode() == CbpfInsn.MSH;
        return (abs || msh) && insn.k() >= 0 && insn.k() + insn.bytes() <= HEADER_BYTES;
    }

    /**
     * Copies HEADER_BYTES bytes from the packet to the header copy, whatever len: a constant
     * size, which every verifier counts as written (6.1 wants a variable-size destination
     * initialised first). Bytes past len are never used, since each load checks len first, and
     * they can be read: the packet lies in an skb's head buffer, which ends with the shared info
     * (over 300 bytes).
     */
    private void copyHeader() {
        out.alu64Reg(Ebpf.MOV, R1, FP);
        out.alu64(Ebpf.ADD, R1, HEADER);
        out.alu64(Ebpf.MOV, R2, HEADER_BYTES);
        out.alu64Reg(Ebpf.MOV, R3, R8);
        out.call(Ebpf.PROBE_READ_KERNEL);
        out.jumpIf(Ebpf.JNE, R0, 0, reject);
    }

    /**
     * dst = the {@code bytes} header bytes at k, big-endian, one byte at a time (the verifier
     * refuses misaligned stack loads); rejects when they are not all inside the packet.
     */
    private void loadFromHeader(int k, int bytes, int dst) {
        out.jumpIf(Ebpf.JLT, R6, k + bytes, reject);
        out.load(Ebpf.B, dst, FP, HEADER + k);
        for (int i = 1; i < bytes; i++) {
            out.alu32(Ebpf.LSH, dst, 8);
            out.load(Ebpf.B, R2, FP, HEADER + k + i);
            out.alu32Reg(Ebpf.OR, dst, R2);
        }
    }

    private void translate(int pc, CbpfInsn insn) throws FilterException {
        switch (insn.cls()) {
            case CbpfInsn.LD -> load(insn, R0);
            case CbpfInsn.LDX -> load(insn, R7);
            case CbpfInsn.ST -> out.store(Ebpf.W, FP, scratch(memIndex(insn)), R0);
            case CbpfInsn.STX -> out.store(Ebpf.W, FP, scratch(memIndex(insn)), R7);
            case CbpfInsn.ALU -> alu(insn);
            case CbpfInsn.JMP -> jump(pc, insn);
            case CbpfInsn.RET -> {
                switch (insn.code() & 0x18) {
                    case CbpfInsn.K -> out.alu32(Ebpf.MOV, R0, insn.k());
                    case CbpfInsn.X -> out.alu32Reg(Ebpf.MOV, R0, R7);
                    default -> { } // A is already in w0
                }
                out.exit();
            }
            case CbpfInsn.MISC -> {
                if ((insn.code() & 0xf8) == CbpfInsn.TXA) {
                    out.alu32Reg(Ebpf.MOV, R0, R7);
                } else {
                    out.alu32Reg(Ebpf.MOV, R7, R0);
                }
            }
            default -> throw unsupported(insn);
        }
    }

    private void load(CbpfInsn insn, int dst) throws FilterException {
        switch (insn.mode()) {
            case CbpfInsn.IMM -> out.alu32(Ebpf.MOV, dst, insn.k());
            case CbpfInsn.MEM -> out.load(Ebpf.W, dst, FP, scratch(memIndex(insn)));
            case CbpfInsn.LEN -> out.alu32Reg(Ebpf.MOV, dst, R6);
            case CbpfInsn.ABS, CbpfInsn.IND -> {
                if (dst != R0) {
                    throw unsupported(insn);
                }
                if (fromHeader(insn)) {
                    loadFromHeader(insn.k(), insn.bytes(), R0);
                    return;
                }
                readPacket(insn.k(), insn.mode() == CbpfInsn.IND, insn.bytes(), false);
                int bits = insn.bytes() * 8;
                out.load(insn.size(), R0, FP, READ_BUFFER);
                if (bits > 8) {
                    out.toBigEndian(R0, bits);
                }
            }
            case CbpfInsn.MSH -> {
                if (dst != R7) {
                    throw unsupported(insn);
                }
                // X = 4 * (P[k] & 0xf): the IPv4 header length.
                if (fromHeader(insn)) {
                    loadFromHeader(insn.k(), 1, R7);
                } else {
                    readPacket(insn.k(), false, 1, true);
                    out.load(Ebpf.B, R7, FP, READ_BUFFER);
                    out.alu64Reg(Ebpf.MOV, R0, R9);
                }
                out.alu32(Ebpf.AND, R7, 0xf);
                out.alu32(Ebpf.LSH, R7, 2);
            }
            default -> throw unsupported(insn);
        }
    }

    /**
     * Copies {@code bytes} packet bytes at k (plus X when indexed, in 32-bit arithmetic as
     * libpcap does) into the read buffer; rejects when they are not all inside the packet.
     */
    private void readPacket(int k, boolean indexed, int bytes, boolean keepA) {
        out.alu32(Ebpf.MOV, R2, k);
        if (indexed) {
            out.alu32Reg(Ebpf.ADD, R2, R7);
        }
        out.alu64Reg(Ebpf.MOV, R3, R2);
        out.alu64(Ebpf.ADD, R3, bytes);
        out.jumpIfReg(Ebpf.JGT, R3, R6, reject);
        out.alu64Reg(Ebpf.MOV, R3, R8);
        out.alu64Reg(Ebpf.ADD, R3, R2);
        out.alu64Reg(Ebpf.MOV, R1, FP);
        out.alu64(Ebpf.ADD, R1, READ_BUFFER);
        out.alu64(Ebpf.MOV, R2, bytes);
        if (keepA) {
            out.alu64Reg(Ebpf.MOV, R9, R0);
        }
        out.call(Ebpf.PROBE_READ_KERNEL);
        out.jumpIf(Ebpf.JNE, R0, 0, reject);
    }

    private void alu(CbpfInsn insn) throws FilterException {
        int op = insn.op();
        boolean fromX = insn.src() == CbpfInsn.X;
        if (op == CbpfInsn.NEG) {
            out.alu32Raw(CbpfInsn.NEG, R0, 0, 0);
            return;
        }
        if (op > CbpfInsn.XOR_OP) {
            throw unsupported(insn);
        }
        if (op == CbpfInsn.DIV || op == CbpfInsn.MOD) {
            if (fromX) {
                out.jump32If(Ebpf.JEQ, R7, 0, reject);
            } else if (insn.k() == 0) {
                throw new FilterException("filter divides by zero");
            }
        }
        if (fromX) {
            out.alu32Raw(op | 0x08, R0, R7, 0);
        } else {
            out.alu32Raw(op, R0, 0, insn.k());
        }
    }

    private void jump(int pc, CbpfInsn insn) throws FilterException {
        int op = insn.op();
        if (op == CbpfInsn.JA) {
            out.jump(target(pc, insn.k()));
            return;
        }
        if (op != CbpfInsn.JEQ && op != CbpfInsn.JGT && op != CbpfInsn.JGE && op != CbpfInsn.JSET) {
            throw unsupported(insn);
        }
        // cBPF's jump operations share eBPF's values (JSET included).
        if (insn.src() == CbpfInsn.X) {
            out.jump32IfReg(op, R0, R7, target(pc, insn.jt()));
        } else {
            out.jump32If(op, R0, insn.k(), target(pc, insn.jt()));
        }
        if (insn.jf() != 0) {
            out.jump(target(pc, insn.jf()));
        }
    }

    private Ebpf.Label target(int pc, int offset) throws FilterException {
        long to = pc + 1L + Integer.toUnsignedLong(offset);
        if (to >= starts.length) {
            throw new FilterException("filter jumps out of the program");
        }
        return starts[(int) to];
    }

    private static int memIndex(CbpfInsn insn) throws FilterException {
        if (insn.k() < 0 || insn.k() >= CbpfInsn.MEMWORDS) {
            throw new FilterException("filter uses scratch word " + Integer.toUnsignedString(insn.k()));
        }
        return insn.k();
    }

    private static int scratch(int m) {
        return -16 - 8 * m;
    }

    private static FilterException unsupported(CbpfInsn insn) {
        return new FilterException(String.format("unsupported classic BPF instruction 0x%04x", insn.code()));
    }
}
