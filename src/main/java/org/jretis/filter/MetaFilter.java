package org.jretis.filter;

import static org.jretis.filter.Ebpf.FP;
import static org.jretis.filter.Ebpf.R0;
import static org.jretis.filter.Ebpf.R1;
import static org.jretis.filter.Ebpf.R2;
import static org.jretis.filter.Ebpf.R3;
import static org.jretis.filter.Ebpf.R6;
import static org.jretis.filter.Ebpf.R7;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jretis.btf.Btf;

/**
 * Compiles a meta filter (§6: {@code sk_buff.dev.name == 'eth0'}) into the eBPF body of
 * {@code int filter_meta(u64 skb)}. Fields are resolved in the kernel's BTF; pointers on the way
 * are followed with {@code bpf_probe_read_kernel} (a NULL pointer or a failed read makes the term
 * false). Registers: r6 the skb, r7 the struct being walked; fp-8 reads numbers and pointers,
 * fp-80..fp-17 reads strings.
 */
public final class MetaFilter {
    private static final int NUMBER = -8;
    private static final int STRING = -80;
    private static final int STRING_MAX = 64;
    private static final Map<String, Integer> UNSIGNED = Map.of(
            "==", Ebpf.JEQ, "!=", Ebpf.JNE, ">", Ebpf.JGT, ">=", Ebpf.JGE, "<", Ebpf.JLT, "<=", Ebpf.JLE);
    private static final Map<String, Integer> SIGNED = Map.of(
            "==", Ebpf.JEQ, "!=", Ebpf.JNE, ">", Ebpf.JSGT, ">=", Ebpf.JSGE, "<", Ebpf.JSLT, "<=", Ebpf.JSLE);

    private final Btf btf;
    private final String text;
    private final Ebpf out = new Ebpf();

    private MetaFilter(Btf btf, String text) {
        this.btf = btf;
        this.text = text;
    }

    /** The eBPF body for {@code expression}; errors start with "meta filter: ". */
    public static long[] compile(String expression, Btf btf) throws FilterException {
        return new MetaFilter(btf, expression).compile(MetaParser.parse(expression));
    }

    private long[] compile(MetaExpression expression) throws FilterException {
        Ebpf.Label pass = out.label();
        Ebpf.Label fail = out.label();
        out.alu64Reg(Ebpf.MOV, R6, R1);
        out.jumpIf(Ebpf.JEQ, R6, 0, fail);
        branch(expression, pass, fail);
        out.bind(pass);
        out.alu32(Ebpf.MOV, R0, 1);
        out.exit();
        out.bind(fail);
        out.alu32(Ebpf.MOV, R0, 0);
        out.exit();
        return out.build();
    }

    /** Code that goes to {@code yes} when the expression holds, to {@code no} otherwise. */
    private void branch(MetaExpression expression, Ebpf.Label yes, Ebpf.Label no) throws FilterException {
        switch (expression) {
            case MetaExpression.Join join -> {
                Ebpf.Label next = out.label();
                if (join.and()) {
                    branch(join.left(), next, no);
                } else {
                    branch(join.left(), yes, next);
                }
                out.bind(next);
                branch(join.right(), yes, no);
            }
            case MetaExpression.Term term -> term(term, yes, no);
        }
    }

    private void term(MetaExpression.Term term, Ebpf.Label yes, Ebpf.Label no) throws FilterException {
        int type = btf.struct("sk_buff");
        if (type < 0) {
            throw error("the kernel's BTF has no struct sk_buff");
        }
        out.alu64Reg(Ebpf.MOV, R7, R6);
        long offset = 0;
        String owner = "sk_buff";
        for (int i = 0; i < term.steps().size(); i++) {
            MetaExpression.Step step = term.steps().get(i);
            Btf.Member member = btf.member(type, step.field());
            if (member == null) {
                throw error("no field '" + step.field() + "' in struct " + owner);
            }
            boolean last = i == term.steps().size() - 1;
            offset += member.bitOffset() / 8;
            type = member.type();
            owner = step.field();
            if (last) {
                leaf(term, step, member, offset, yes, no);
                return;
            }
            // A cast also turns an unsigned long holding a pointer (sk_buff._nfct) into one.
            boolean castable = step.cast() != null && btf.isInteger(type) && !btf.isSigned(type) && btf.size(type) == 8;
            if (btf.isPointer(type) || castable) {
                read(8, R7, offset, NUMBER, no);
                out.load(Ebpf.DW, R7, FP, NUMBER);
                if (step.mask() != null) {
                    out.loadImm64(R2, step.mask());
                    out.alu64Reg(Ebpf.AND, R7, R2);
                }
                out.jumpIf(Ebpf.JEQ, R7, 0, no);
                offset = 0;
                type = step.cast() != null ? castTarget(step.cast()) : btf.target(type);
                owner = btf.typeName(type);
            } else if (btf.isComposite(type) && step.mask() == null) {
                owner = btf.typeName(type);
            } else {
                throw error("cannot follow '" + step.field() + "' (" + btf.typeName(type) + ")");
            }
        }
    }

    private void leaf(MetaExpression.Term term, MetaExpression.Step step, Btf.Member member, long offset,
                      Ebpf.Label yes, Ebpf.Label no) throws FilterException {
        int type = member.type();
        if (step.cast() != null) {
            throw error("'" + step.field() + "' is cast but not followed by a field");
        }
        if (term.value() instanceof String string) {
            compareString(step, type, offset, string, term.op(), yes, no);
            return;
        }
        long value = (Long) term.value();
        boolean signed = btf.isSigned(type) && step.mask() == null;
        if (!btf.isInteger(type) && !btf.isPointer(type)) {
            throw error("'" + step.field() + "' (" + btf.typeName(type) + ") is not a number");
        }
        if (value < 0 && !signed) {
            throw error("'" + step.field() + "' is unsigned: " + value + " cannot match");
        }
        if (step.mask() != null && btf.isSigned(type)) {
            throw error("masks apply to pointers and unsigned fields, not '" + step.field() + "'");
        }
        int size = (int) btf.size(type);
        if (member.bitSize() > 0) {
            read(8, R7, offset, NUMBER, no);
            out.load(Ebpf.DW, R1, FP, NUMBER);
            out.alu64(Ebpf.RSH, R1, (int) (member.bitOffset() % 8));
            out.loadImm64(R2, (1L << member.bitSize()) - 1);
            out.alu64Reg(Ebpf.AND, R1, R2);
        } else {
            if (size != 1 && size != 2 && size != 4 && size != 8) {
                throw error("'" + step.field() + "' is " + size + " bytes, not a number");
            }
            out.storeImm(Ebpf.DW, FP, NUMBER, 0);
            read(size, R7, offset, NUMBER, no);
            out.load(Ebpf.DW, R1, FP, NUMBER);
            if (signed && size < 8) {
                out.alu64(Ebpf.LSH, R1, 64 - 8 * size);
                out.alu64(Ebpf.ARSH, R1, 64 - 8 * size);
            }
        }
        if (step.mask() != null) {
            out.loadImm64(R2, step.mask());
            out.alu64Reg(Ebpf.AND, R1, R2);
        }
        out.loadImm64(R2, value);
        out.jumpIfReg(signed ? SIGNED.get(term.op()) : UNSIGNED.get(term.op()), R1, R2, yes);
        out.jump(no);
    }

    /** A char array or char pointer against a string: equal when the bytes and the NUL match. */
    private void compareString(MetaExpression.Step step, int type, long offset, String value, String op,
                               Ebpf.Label yes, Ebpf.Label no) throws FilterException {
        if (!op.equals("==") && !op.equals("!=")) {
            throw error("strings compare with == or != only, not " + op);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= STRING_MAX) {
            throw error("string longer than " + (STRING_MAX - 1) + " bytes");
        }
        int length = bytes.length + 1;
        if (btf.isArray(type) && btf.size(btf.target(type)) == 1) {
            length = (int) Math.min(length, btf.size(type));
        } else if (btf.isPointer(type) && btf.size(btf.target(type)) == 1) {
            read(8, R7, offset, NUMBER, no);
            out.load(Ebpf.DW, R7, FP, NUMBER);
            out.jumpIf(Ebpf.JEQ, R7, 0, no);
            offset = 0;
        } else {
            throw error("'" + step.field() + "' (" + btf.typeName(type) + ") is not a string");
        }
        if (bytes.length > length) {
            out.jump(op.equals("==") ? no : yes);
            return;
        }
        for (int at = 0; at < STRING_MAX; at += 8) {
            out.storeImm(Ebpf.DW, FP, STRING + at, 0);
        }
        read(length, R7, offset, STRING, no);
        ByteBuffer expected = ByteBuffer.allocate(STRING_MAX).order(ByteOrder.LITTLE_ENDIAN);
        expected.put(bytes);
        Ebpf.Label differ = op.equals("==") ? no : yes;
        for (int at = 0; at < length; at += 8) {
            out.load(Ebpf.DW, R1, FP, STRING + at);
            out.loadImm64(R2, expected.getLong(at));
            out.jumpIfReg(Ebpf.JNE, R1, R2, differ);
        }
        out.jump(op.equals("==") ? yes : no);
    }

    /** bpf_probe_read_kernel(fp + to, size, base + offset); a failed read goes to {@code failed}. */
    private void read(int size, int base, long offset, int to, Ebpf.Label failed) {
        out.alu64Reg(Ebpf.MOV, R3, base);
        out.alu64(Ebpf.ADD, R3, (int) offset);
        out.alu64Reg(Ebpf.MOV, R1, FP);
        out.alu64(Ebpf.ADD, R1, to);
        out.alu64(Ebpf.MOV, R2, size);
        out.call(Ebpf.PROBE_READ_KERNEL);
        out.jumpIf(Ebpf.JNE, R0, 0, failed);
    }

    private int castTarget(String name) throws FilterException {
        int id = btf.struct(name);
        if (id < 0) {
            throw error("no struct " + name + " in the kernel's BTF");
        }
        return id;
    }

    private FilterException error(String message) {
        return new FilterException("meta filter: " + message + " in '" + text + "'");
    }
}
