package org.jretis.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes eBPF instructions (linux/bpf.h encoding: opcode, dst and src registers, 16-bit offset,
 * 32-bit immediate, little-endian in one 64-bit word) with forward labels for jumps.
 */
final class Ebpf {
    static final int MAX_INSNS = 4096;
    // Classes
    private static final int LDX = 0x01;
    private static final int ST = 0x02;
    private static final int STX = 0x03;
    private static final int ALU32 = 0x04;
    private static final int JMP = 0x05;
    private static final int JMP32 = 0x06;
    private static final int ALU64 = 0x07;
    private static final int LD_IMM64 = 0x18;
    // Operation fields
    static final int ADD = 0x00;
    static final int OR = 0x40;
    static final int AND = 0x50;
    static final int LSH = 0x60;
    static final int RSH = 0x70;
    static final int MOV = 0xb0;
    static final int ARSH = 0xc0;
    private static final int END = 0xd0;
    private static final int TO_BE = 0x08;
    static final int JEQ = 0x10;
    static final int JGT = 0x20;
    static final int JGE = 0x30;
    static final int JNE = 0x50;
    static final int JSGT = 0x60;
    static final int JSGE = 0x70;
    static final int JLT = 0xa0;
    static final int JLE = 0xb0;
    static final int JSLT = 0xc0;
    static final int JSLE = 0xd0;
    private static final int CALL = 0x80;
    private static final int EXIT = 0x90;
    private static final int K = 0x00;
    private static final int X = 0x08;
    // Sizes of memory accesses
    static final int W = 0x00;
    static final int H = 0x08;
    static final int B = 0x10;
    static final int DW = 0x18;
    private static final int MEM = 0x60;
    // Registers
    static final int R0 = 0;
    static final int R1 = 1;
    static final int R2 = 2;
    static final int R3 = 3;
    static final int R6 = 6;
    static final int R7 = 7;
    static final int R8 = 8;
    static final int R9 = 9;
    static final int FP = 10;
    static final int PROBE_READ_KERNEL = 113;

    /** A jump target, bound to an instruction once written. */
    static final class Label {
        private int at = -1;
    }

    private record Fixup(int at, Label label) {}

    private final List<Long> insns = new ArrayList<>();
    private final List<Fixup> fixups = new ArrayList<>();

    Label label() {
        return new Label();
    }

    /** The next instruction written is {@code label}. */
    void bind(Label label) {
        label.at = insns.size();
    }

    /** 32-bit {@code dst op= imm} (mov, add, and, ... of cBPF's ALU). */
    void alu32(int op, int dst, int imm) {
        emit(ALU32 | op | K, dst, 0, 0, imm);
    }

    void alu32Reg(int op, int dst, int src) {
        emit(ALU32 | op | X, dst, src, 0, 0);
    }

    void alu64(int op, int dst, int imm) {
        emit(ALU64 | op | K, dst, 0, 0, imm);
    }

    void alu64Reg(int op, int dst, int src) {
        emit(ALU64 | op | X, dst, src, 0, 0);
    }

    /** A raw ALU32 opcode (cBPF ALU operations share eBPF's op values), immediate or register. */
    void alu32Raw(int opAndSrc, int dst, int src, int imm) {
        emit(ALU32 | opAndSrc, dst, src, 0, imm);
    }

    /** dst = a 64-bit constant (two instruction slots). */
    void loadImm64(int dst, long value) {
        emit(LD_IMM64, dst, 0, 0, (int) value);
        insns.add(((value >>> 32) & 0xffffffffL) << 32);
    }

    /** Converts the low {@code bits} of dst from network order (no-op order swap on big endian). */
    void toBigEndian(int dst, int bits) {
        emit(ALU32 | END | TO_BE, dst, 0, 0, bits);
    }

    void load(int size, int dst, int src, int off) {
        emit(LDX | MEM | size, dst, src, off, 0);
    }

    void store(int size, int dst, int off, int src) {
        emit(STX | MEM | size, dst, src, off, 0);
    }

    void storeImm(int size, int dst, int off, int imm) {
        emit(ST | MEM | size, dst, 0, off, imm);
    }

    void jump(Label target) {
        fixup(target);
        emit(JMP, 0, 0, 0, 0);
    }

    /** 64-bit {@code if (dst op imm) goto target}. */
    void jumpIf(int op, int dst, int imm, Label target) {
        fixup(target);
        emit(JMP | op | K, dst, 0, 0, imm);
    }

    void jumpIfReg(int op, int dst, int src, Label target) {
        fixup(target);
        emit(JMP | op | X, dst, src, 0, 0);
    }

    /** 32-bit {@code if (dst op imm) goto target}; op may be cBPF's JSET (0x40) as well. */
    void jump32If(int op, int dst, int imm, Label target) {
        fixup(target);
        emit(JMP32 | op | K, dst, 0, 0, imm);
    }

    void jump32IfReg(int op, int dst, int src, Label target) {
        fixup(target);
        emit(JMP32 | op | X, dst, src, 0, 0);
    }

    void call(int helper) {
        emit(JMP | CALL, 0, 0, 0, helper);
    }

    void exit() {
        emit(JMP | EXIT, 0, 0, 0, 0);
    }

    int size() {
        return insns.size();
    }

    /** The instructions, jumps resolved. */
    long[] build() throws FilterException {
        if (insns.size() > MAX_INSNS) {
            throw new FilterException("Filter exceeds the maximum allowed size.");
        }
        long[] out = insns.stream().mapToLong(Long::longValue).toArray();
        for (Fixup f : fixups) {
            if (f.label.at < 0) {
                throw new IllegalStateException("jump to an unbound label");
            }
            int off = f.label.at - f.at - 1;
            out[f.at] = (out[f.at] & ~0xffff0000L) | ((long) (off & 0xffff) << 16);
        }
        return out;
    }

    private void fixup(Label target) {
        fixups.add(new Fixup(insns.size(), target));
    }

    private void emit(int opcode, int dst, int src, int off, int imm) {
        insns.add((opcode & 0xffL) | ((long) (dst & 0xf) << 8) | ((long) (src & 0xf) << 12)
                | ((long) (off & 0xffff) << 16) | ((long) imm << 32));
    }
}
