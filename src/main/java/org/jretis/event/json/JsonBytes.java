package org.jretis.event.json;

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
    private static final long EIGHT_DIGITS = 100_000_000L;
    /** "00" to "99". */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    static {
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
        ensure((count + 2) / 3 * 4 + 2);
        byte[] out = bytes;
        int o = length;
        out[o++] = '"';
        int i = at;
        int end = at + count;
        for (; i + 3 <= end; i += 3) {
            int v = (from[i] & 0xff) << 16 | (from[i + 1] & 0xff) << 8 | from[i + 2] & 0xff;
            out[o] = BASE64[v >>> 18];
            out[o + 1] = BASE64[(v >>> 12) & 63];
            out[o + 2] = BASE64[(v >>> 6) & 63];
            out[o + 3] = BASE64[v & 63];
            o += 4;
        }
        int rest = end - i;
        if (rest > 0) {
            int v = (from[i] & 0xff) << 16 | (rest == 2 ? (from[i + 1] & 0xff) << 8 : 0);
            out[o++] = BASE64[v >>> 18];
            out[o++] = BASE64[(v >>> 12) & 63];
            out[o++] = rest == 2 ? BASE64[(v >>> 6) & 63] : (byte) '=';
            out[o++] = '=';
        }
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

    /** Exactly eight digits, leading zeros included; the room is ensured. */
    private void eightDigits(int value) {
        int i = length + 8;
        for (int k = 0; k < 4; k++) {
            int q = value / 100;
            int pair = (value - q * 100) * 2;
            bytes[--i] = DIGIT_PAIRS[pair + 1];
            bytes[--i] = DIGIT_PAIRS[pair];
            value = q;
        }
        length += 8;
    }

    /** Digits of a value below 10^8. */
    private static int digitCount(int value) {
        int n = 1;
        for (int bound = 10; n < 8 && value >= bound; bound *= 10) {
            n++;
        }
        return n;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
