package org.jretis.event.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable byte buffer that JSON text is appended to, with no allocation per value: names and
 * punctuation as prepared ASCII, numbers as decimal digits, strings and base64 from a copy of
 * the record. Writes what Jackson's generator writes for the same values.
 */
final class JsonBytes {
    private static final byte[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** The two base64 characters of each 12-bit value, the first in the low byte: two lookups per three bytes. */
    private static final int[] BASE64_PAIRS = new int[1 << 12];
    /** By bytes left after the whole groups (0, 1, 2): whether the second counts, what stays, the '=' and the length. */
    private static final int[] TAIL_SECOND = {0, 0, 0xff};
    private static final int[] TAIL_KEPT = {0, 0x0000_ffff, 0x00ff_ffff};
    private static final int[] TAIL_PADDING = {0, 0x3d3d_0000, 0x3d00_0000};
    private static final int[] TAIL_LENGTH = {0, 4, 4};
    private static final long EIGHT_DIGITS = 100_000_000L;
    /** "00" to "99". */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    /** 10^n at index n. */
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    static {
        for (int v = 0; v < BASE64_PAIRS.length; v++) {
            BASE64_PAIRS[v] = BASE64[v >>> 6] | BASE64[v & 63] << 8;
        }
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private byte[] bytes = new byte[4096];
    private int length;

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /**
     * Names and punctuation are a few to a few tens of bytes: copied eight at a time (the last
     * word overlapping the one before), which is cheaper than an array copy call for each.
     */
    JsonBytes append(byte[] text) {
        int n = text.length;
        ensure(n);
        byte[] out = bytes;
        int o = length;
        if (n >= Long.BYTES) {
            int last = n - Long.BYTES;
            for (int i = 0; i < last; i += Long.BYTES) {
                LONG.set(out, o + i, (long) LONG.get(text, i));
            }
            LONG.set(out, o + last, (long) LONG.get(text, last));
        } else {
            for (int i = 0; i < n; i++) {
                out[o + i] = text[i];
            }
        }
        length = o + n;
        return this;
    }

    JsonBytes append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    JsonBytes bool(boolean value) {
        return append(value ? TRUE : FALSE);
    }

    /** A signed 64-bit value. */
    JsonBytes number(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return append(ascii(Long.toString(value)));
            }
            append('-');
            value = -value;
        }
        return digits(value);
    }

    /** An unsigned 64-bit value. */
    JsonBytes unsigned(long value) {
        if (value >= 0) {
            return digits(value);
        }
        // value / 10^8 as (value / 2) / (10^8 / 2): a signed division by a constant, which is a
        // multiplication, where an unsigned one is a hardware divide. Kernel addresses take this way.
        long high = (value >>> 1) / (EIGHT_DIGITS / 2);
        digits(high);
        ensure(8);
        eightDigits((int) (value - high * EIGHT_DIGITS));
        return this;
    }

    /**
     * A string of at most {@code max} bytes ending at a NUL, quoted; returns false (appending
     * nothing) when it holds a byte JSON would escape or a non-ASCII byte.
     */
    boolean cString(byte[] from, int at, int max) {
        int n = 0;
        while (n < max) {
            byte b = from[at + n];
            if (b == 0) {
                break;
            }
            if (b < 0x20 || b == '"' || b == '\\') { // a negative byte is non-ASCII
                return false;
            }
            n++;
        }
        ensure(n + 2);
        bytes[length++] = '"';
        System.arraycopy(from, at, bytes, length, n);
        length += n;
        bytes[length++] = '"';
        return true;
    }

    /** {@code count} bytes as quoted base64, standard alphabet, padded. */
    JsonBytes base64(byte[] from, int at, int count) {
        ensure((count + 2) / 3 * 4 + 6);
        byte[] out = bytes;
        int o = length;
        out[o++] = '"';
        int i = at;
        int end = at + count;
        for (; i + 3 <= end; i += 3) {
            int v = (from[i] & 0xff) << 16 | (from[i + 1] & 0xff) << 8 | from[i + 2] & 0xff;
            INT.set(out, o, BASE64_PAIRS[v >>> 12] | BASE64_PAIRS[v & 0xfff] << 16);
            o += 4;
        }
        // The last one or two bytes, without a branch on how many: a packet size the JIT's
        // profile has not seen would otherwise undo the compiled code (an uncommon trap) in
        // the middle of a capture. A group is always written; none (rest 0) leaves it past the
        // end, where the closing quote and what follows overwrite it.
        int rest = end - i;
        int last = from.length - 1;
        int v = (from[Math.min(i, last)] & 0xff) << 16 | (from[Math.min(i + 1, last)] & 0xff & TAIL_SECOND[rest]) << 8;
        int group = BASE64_PAIRS[v >>> 12] | BASE64_PAIRS[v & 0xfff] << 16;
        INT.set(out, o, group & TAIL_KEPT[rest] | TAIL_PADDING[rest]);
        o += TAIL_LENGTH[rest];
        out[o++] = '"';
        length = o;
        return this;
    }

    /**
     * A non-negative value. Split into parts of eight digits so that most arithmetic is on ints
     * (a division by a constant is a multiplication), written two digits at a time from a table.
     */
    private JsonBytes digits(long value) {
        if (value < EIGHT_DIGITS) {
            return digits((int) value);
        }
        long high = value / EIGHT_DIGITS;
        digits(high);
        ensure(8);
        eightDigits((int) (value - high * EIGHT_DIGITS));
        return this;
    }

    private JsonBytes digits(int value) {
        int n = digitCount(value);
        ensure(n);
        int end = length + n;
        int i = end;
        while (value >= 100) {
            int q = value / 100;
            int pair = (value - q * 100) * 2;
            bytes[--i] = DIGIT_PAIRS[pair + 1];
            bytes[--i] = DIGIT_PAIRS[pair];
            value = q;
        }
        if (value >= 10) {
            bytes[--i] = DIGIT_PAIRS[value * 2 + 1];
            bytes[--i] = DIGIT_PAIRS[value * 2];
        } else {
            bytes[--i] = (byte) ('0' + value);
        }
        length = end;
        return this;
    }

    /**
     * Exactly eight digits, leading zeros included; the room is ensured. Two halves of four
     * digits, each two pairs: short chains of multiplications the processor runs side by side.
     */
    private void eightDigits(int value) {
        int high = value / 10_000;
        fourDigits(length, high);
        fourDigits(length + 4, value - high * 10_000);
        length += 8;
    }

    private void fourDigits(int at, int value) {
        int high = value / 100;
        int low = (value - high * 100) * 2;
        high *= 2;
        bytes[at] = DIGIT_PAIRS[high];
        bytes[at + 1] = DIGIT_PAIRS[high + 1];
        bytes[at + 2] = DIGIT_PAIRS[low];
        bytes[at + 3] = DIGIT_PAIRS[low + 1];
    }

    /**
     * Digits of a value below 10^8, without a loop: the bit length times log10(2) (1233 / 4096)
     * gives the count or one less, a comparison with that power of ten settles it.
     */
    private static int digitCount(int value) {
        int n = (32 - Integer.numberOfLeadingZeros(value | 1)) * 1233 >>> 12;
        return (value | 1) >= POWERS_OF_TEN[n] ? n + 1 : n;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
