package org.jretis.collect;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable byte buffer that JSON text is appended to, with no allocation per value: names and
 * punctuation as prepared ASCII, numbers as decimal digits, strings and base64 straight from
 * native memory. Writes what Jackson's generator writes for the same values.
 */
final class JsonBytes {
    private static final byte[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

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

    JsonBytes append(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
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
        long high = Long.divideUnsigned(value, 10);
        digits(high);
        return append((char) ('0' + (value - high * 10)));
    }

    /**
     * A string of at most {@code max} bytes ending at a NUL, quoted; returns false (appending
     * nothing) when it holds a byte JSON would escape or a non-ASCII byte.
     */
    boolean cString(MemorySegment from, long at, int max) {
        int n = 0;
        while (n < max) {
            byte b = from.get(JAVA_BYTE, at + n);
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
        MemorySegment.copy(from, JAVA_BYTE, at, bytes, length, n);
        length += n;
        bytes[length++] = '"';
        return true;
    }

    /** {@code count} bytes as quoted base64, standard alphabet, padded. */
    JsonBytes base64(MemorySegment from, long at, int count) {
        ensure((count + 2) / 3 * 4 + 2);
        byte[] out = bytes;
        int o = length;
        out[o++] = '"';
        int i = 0;
        for (; i + 3 <= count; i += 3) {
            int v = (u8(from, at + i) << 16) | (u8(from, at + i + 1) << 8) | u8(from, at + i + 2);
            out[o++] = BASE64[v >>> 18];
            out[o++] = BASE64[(v >>> 12) & 63];
            out[o++] = BASE64[(v >>> 6) & 63];
            out[o++] = BASE64[v & 63];
        }
        int rest = count - i;
        if (rest > 0) {
            int v = u8(from, at + i) << 16 | (rest == 2 ? u8(from, at + i + 1) << 8 : 0);
            out[o++] = BASE64[v >>> 18];
            out[o++] = BASE64[(v >>> 12) & 63];
            out[o++] = rest == 2 ? BASE64[(v >>> 6) & 63] : (byte) '=';
            out[o++] = '=';
        }
        out[o++] = '"';
        length = o;
        return this;
    }

    private JsonBytes digits(long value) {
        int n = value == 0 ? 1 : 0;
        for (long v = value; v > 0; v /= 10) {
            n++;
        }
        ensure(n);
        int end = length + n;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        return this;
    }

    private static int u8(MemorySegment from, long at) {
        return Byte.toUnsignedInt(from.get(JAVA_BYTE, at));
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
