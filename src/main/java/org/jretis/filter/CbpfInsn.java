package org.jretis.filter;

/**
 * One classic BPF instruction ({@code struct bpf_insn} of libpcap and linux/filter.h).
 *
 * @param code opcode: class in the low 3 bits, then size/mode or operation and source
 * @param jt   forward jump when the condition holds, in instructions after the next
 * @param jf   forward jump when it does not
 * @param k    the constant operand
 */
public record CbpfInsn(int code, int jt, int jf, int k) {
    // Classes
    static final int LD = 0x00;
    static final int LDX = 0x01;
    static final int ST = 0x02;
    static final int STX = 0x03;
    static final int ALU = 0x04;
    static final int JMP = 0x05;
    static final int RET = 0x06;
    static final int MISC = 0x07;
    // Sizes and modes of loads
    static final int W = 0x00;
    static final int H = 0x08;
    static final int B = 0x10;
    static final int IMM = 0x00;
    static final int ABS = 0x20;
    static final int IND = 0x40;
    static final int MEM = 0x60;
    static final int LEN = 0x80;
    static final int MSH = 0xa0;
    // ALU operations (same values in eBPF)
    static final int DIV = 0x30;
    static final int NEG = 0x80;
    static final int MOD = 0x90;
    static final int XOR_OP = 0xa0;
    // Jumps
    static final int JA = 0x00;
    static final int JEQ = 0x10;
    static final int JGT = 0x20;
    static final int JGE = 0x30;
    static final int JSET = 0x40;
    // Operand sources (ALU, JMP) and return values (RET)
    static final int K = 0x00;
    static final int X = 0x08;
    static final int RET_A = 0x10;
    // MISC
    static final int TAX = 0x00;
    static final int TXA = 0x80;
    /** Scratch memory words M[0..15]. */
    static final int MEMWORDS = 16;

    int cls() {
        return code & 0x07;
    }

    int size() {
        return code & 0x18;
    }

    int mode() {
        return code & 0xe0;
    }

    int op() {
        return code & 0xf0;
    }

    int src() {
        return code & 0x08;
    }

    /** How many bytes a load of this size reads. */
    int bytes() {
        return switch (size()) {
            case B -> 1;
            case H -> 2;
            default -> 4;
        };
    }
}
