package org.jretis.event.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A position in one line's bytes, read token by token: punctuation, field names, plain ASCII
 * strings, integers as Jackson reads them, booleans and base64. Whatever it does not expect makes
 * it throw {@link Unscannable}. It also notes whether the line is still exactly as
 * {@link EventWriter} would write it (no blanks, fields in the encoder's order).
 */
final class ByteCursor {
    private static final long MAX_BEFORE_DIGIT = Long.divideUnsigned(-1L, 10);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final AsciiStrings strings = new AsciiStrings();
    private byte[] b;
    private int pos;
    private int end;
    /** End (exclusive) of the last string read. */
    private int tokenEnd;
    /** Whether the line so far is as the encoder would write it. */
    private boolean canonical;

    void reset(byte[] line, int length) {
        b = line;
        pos = 0;
        end = length;
        canonical = true;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos == end;
    }

    boolean canonical() {
        return canonical;
    }

    void notCanonical() {
        canonical = false;
    }

    /** Notes a field of rank {@code rank} in the encoder's order, after one of rank {@code last}. */
    int inOrder(int last, int rank) {
        if (rank < last) {
            canonical = false;
        }
        return rank;
    }

    // --- Punctuation ------------------------------------------------------------------------

    void skipBlanks() {
        byte c;
        while (pos < end && ((c = b[pos]) == ' ' || c == '\t' || c == '\r' || c == '\n')) {
            pos++;
            canonical = false;
        }
    }

    void expect(char c) throws Unscannable {
        skipBlanks();
        if (pos >= end || b[pos] != c) {
            throw Unscannable.LINE;
        }
        pos++;
    }

    boolean peekIs(char c) {
        skipBlanks();
        return pos < end && b[pos] == c;
    }

    /** The next byte after blanks, left unread; gives up at the end of the line. */
    byte peek() throws Unscannable {
        skipBlanks();
        if (pos >= end) {
            throw Unscannable.LINE;
        }
        return b[pos];
    }

    /** Reads the byte {@link #peek()} returned. */
    void skipPeeked() {
        pos++;
    }

    /** Consumes a comma and says so, or says the container ends here. */
    boolean comma() {
        skipBlanks();
        if (pos < end && b[pos] == ',') {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code word} if it comes next, and says so. */
    boolean matches(String word) {
        if (end - pos < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += word.length();
        return true;
    }

    // --- Names and strings ------------------------------------------------------------------

    /** Reads a field name and its colon; returns the name's start, for {@link #is}. */
    int field() throws Unscannable {
        int start = string();
        expect(':');
        refuseNull();
        return start;
    }

    /** Gives up on a null value: the general decoder leaves the field or section out. */
    void refuseNull() throws Unscannable {
        skipBlanks();
        if (pos < end && b[pos] == 'n') {
            throw Unscannable.LINE;
        }
    }

    /** Whether the last string read, which starts at {@code nameStart}, is {@code name}. */
    boolean is(int nameStart, byte[] name) {
        return tokenEnd - nameStart == name.length && Arrays.equals(b, nameStart, tokenEnd, name, 0, name.length);
    }

    boolean is(int nameStart, String name) {
        int length = tokenEnd - nameStart;
        if (length != name.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[nameStart + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Skips a string of plain ASCII (no escapes, no control characters); returns the index of its
     * first character, {@link #tokenEnd} is that of its closing quote.
     */
    int string() throws Unscannable {
        expect('"');
        byte[] bytes = b;
        int start = pos;
        int i = start;
        int limit = end;
        while (i < limit) {
            byte c = bytes[i];
            if (c == '"') {
                tokenEnd = i;
                pos = i + 1;
                return start;
            }
            if (c == '\\' || c < 0x20) { // negative: non-ASCII
                throw Unscannable.LINE;
            }
            i++;
        }
        throw Unscannable.LINE;
    }

    /** The last string read, which starts at {@code start}. */
    String stringFrom(int start) {
        return strings.get(b, start, tokenEnd);
    }

    String text() throws Unscannable {
        return stringFrom(string());
    }

    byte[] base64() throws Unscannable {
        int start = string();
        return StrictBase64.decode(b, start, tokenEnd);
    }

    /** 1 for true, 0 for false. */
    int bool() throws Unscannable {
        if (matches("true")) {
            return 1;
        }
        if (matches("false")) {
            return 0;
        }
        throw Unscannable.LINE;
    }

    // --- Integers ---------------------------------------------------------------------------

    /** A u64 in its canonical decimal form (as Jackson reads it: no leading zero, no sign). */
    long u64() throws Unscannable {
        skipBlanks();
        byte[] bytes = b;
        int start = pos;
        int i = start;
        int limit = end;
        long value = 0;
        // Eight digits at a time while they last (addresses and timestamps have 14 to 20).
        while (i + 8 <= limit && i - start < 16) {
            long chunk = (long) LONG_LE.get(bytes, i);
            if (!eightDigits(chunk)) {
                break;
            }
            value = value * 100_000_000L + valueOfEightDigits(chunk);
            i += 8;
        }
        // 18 digits cannot overflow; the 19th and 20th are checked.
        int safeEnd = Math.min(limit, start + 18);
        int digit;
        while (i < safeEnd && (digit = bytes[i] - '0') >= 0 && digit <= 9) {
            value = value * 10 + digit;
            i++;
        }
        while (i < limit && (digit = bytes[i] - '0') >= 0 && digit <= 9) {
            if (Long.compareUnsigned(value, MAX_BEFORE_DIGIT) > 0) {
                throw Unscannable.LINE;
            }
            long next = value * 10 + digit;
            if (Long.compareUnsigned(next, value * 10) < 0) {
                throw Unscannable.LINE; // past 2^64-1
            }
            value = next;
            i++;
        }
        pos = i;
        int digits = i - start;
        if (digits == 0 || (digits > 1 && bytes[start] == '0') || endsNumberBadly()) {
            throw Unscannable.LINE;
        }
        return value;
    }

    /** Whether the eight bytes of {@code chunk} (little-endian) are all ASCII digits. */
    private static boolean eightDigits(long chunk) {
        return ((chunk & 0xF0F0F0F0F0F0F0F0L) | (((chunk + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** The value of eight ASCII digits read little-endian: pairs, then fours, then all eight. */
    private static long valueOfEightDigits(long chunk) {
        long v = chunk - 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        v = ((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
                + ((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
        return v & 0xFFFFFFFFL;
    }

    /** A decimal followed by {@code .}, {@code e} or {@code E} is not an integer. */
    private boolean endsNumberBadly() {
        return pos < end && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E');
    }

    long unsigned(int bits) throws Unscannable {
        long value = u64();
        if (value >>> bits != 0) {
            throw Unscannable.LINE;
        }
        return value;
    }

    long i32() throws Unscannable {
        skipBlanks();
        boolean negative = minus();
        long value = unsigned(32);
        long signed = negative ? -value : value;
        if (signed < Integer.MIN_VALUE || signed > Integer.MAX_VALUE || (negative && value == 0)) {
            throw Unscannable.LINE;
        }
        return signed;
    }

    /** Consumes a minus sign and says so; a second one is not a number. */
    boolean minus() throws Unscannable {
        boolean negative = pos < end && b[pos] == '-';
        if (negative) {
            pos++;
        }
        if (pos < end && b[pos] == '-') {
            throw Unscannable.LINE;
        }
        return negative;
    }
}
