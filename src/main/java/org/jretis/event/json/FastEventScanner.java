package org.jretis.event.json;

import static org.jretis.event.json.EventJson.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jretis.event.CommonSection;
import org.jretis.event.DevSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.PacketSection;
import org.jretis.event.SkbDropSection;
import org.jretis.event.SkbSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.TrackingSection;

/**
 * Reads one event line in the current layout straight from its bytes, for the sections that fill
 * big files; other sections are kept raw through Jackson as {@link EventDecoder} does. Anything it
 * does not expect (nulls, escapes, non-ASCII text, a missing or unknown field, a bad value) makes
 * it give up, and {@link EventDecoder} reads the line instead: the result, or the error message,
 * is then the one the general path gives. The sections it types are those that path types, with
 * the same values, so both give equal events.
 */
final class FastEventScanner {
    /** Giving up: thrown often on odd lines, so without a stack trace. */
    private static final class Unhandled extends Exception {
        Unhandled() {
            super(null, null, false, false);
        }
    }

    private static final Unhandled UNHANDLED = new Unhandled();

    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();
    private static final long MAX_BEFORE_DIGIT = Long.divideUnsigned(-1L, 10);

    private final AsciiStrings strings = new AsciiStrings();
    private byte[] b;
    private int pos;
    private int end;
    /** End (exclusive) of the last string read. */
    private int tokenEnd;
    /** Whether the line so far is as the encoder would write it. */
    private boolean canonical;
    /** Rank in {@link EventJson#SECTION_ORDER} of the last section read. */
    private int sectionRank;
    /** Where the packet member starts (its name's quote) and ends; -1 without one. */
    private int packetStart;
    private int packetEnd;

    /** The event of the line, or null when the general decoder must read it. */
    Event scan(byte[] line, int length) {
        b = line;
        pos = 0;
        end = length;
        canonical = true;
        sectionRank = -1;
        packetStart = -1;
        try {
            return event();
        } catch (Unhandled | IOException | RuntimeException e) {
            canonical = false;
            return null;
        }
    }

    /**
     * The last line scanned without its {@code packet} member, when that line is exactly what
     * {@link EventWriter} would write for its event (same order, no blanks, no escapes): the
     * JSON of the event without its packet, without encoding it again. Null otherwise. Valid
     * until the line's buffer is reused.
     */
    byte[] canonicalJsonWithoutPacket() {
        if (!canonical) {
            return null;
        }
        if (packetStart < 0) {
            return Arrays.copyOf(b, end);
        }
        int from = packetStart;
        int to = packetEnd;
        if (b[from - 1] == ',') {
            from--;
        } else if (b[to] == ',') {
            to++;
        }
        byte[] json = new byte[end - (to - from)];
        System.arraycopy(b, 0, json, 0, from);
        System.arraycopy(b, to, json, from, end - to);
        return json;
    }

    private Event event() throws Unhandled, IOException {
        Event e = new Event();
        expect('{');
        if (!peekIs('}')) {
            do {
                int nameStart = string();
                expect(':');
                rankSection(nameStart);
                section(e, nameStart);
                if (packetStart == nameStart - 1 && packetEnd == 0) {
                    packetEnd = pos;
                }
            } while (comma());
        }
        expect('}');
        skipBlanks();
        if (pos != end) {
            throw UNHANDLED;
        }
        return e;
    }

    private void section(Event e, int nameStart) throws Unhandled, IOException {
        if (is(nameStart, COMMON)) {
            e.common = once(e.common, common());
        } else if (is(nameStart, KERNEL)) {
            e.kernel = once(e.kernel, kernel());
        } else if (is(nameStart, SKB_TRACKING)) {
            e.skbTracking = once(e.skbTracking, skbTracking());
        } else if (is(nameStart, PACKET)) {
            packetStart = nameStart - 1;
            packetEnd = 0;
            e.packet = once(e.packet, packet());
        } else if (is(nameStart, SKB)) {
            e.skb = once(e.skb, skb());
        } else if (is(nameStart, NETNS)) {
            e.netns = once(e.netns, netns());
        } else if (is(nameStart, DEV)) {
            e.dev = once(e.dev, dev());
        } else if (is(nameStart, SKB_DROP)) {
            e.skbDrop = once(e.skbDrop, skbDrop());
        } else if (is(nameStart, TRACKING)) {
            e.tracking = once(e.tracking, tracking());
        } else if (is(nameStart, USERSPACE) || is(nameStart, STARTUP)) {
            throw UNHANDLED; // rare: left to the general decoder
        } else {
            String name = strings.get(b, nameStart, tokenEnd);
            skipBlanks();
            if (pos < end && b[pos] == 'n') {
                throw UNHANDLED; // null: the general decoder leaves the section out
            }
            if (e.others.put(name, tree(0)) != null) {
                throw UNHANDLED;
            }
        }
    }

    /**
     * Sections are written in {@link EventJson#SECTION_ORDER}, then the others in read order:
     * a line in another order is not canonical.
     */
    private void rankSection(int nameStart) {
        int rank = SECTION_ORDER.size();
        for (int i = 0; i < SECTION_ORDER.size(); i++) {
            if (is(nameStart, SECTION_ORDER.get(i))) {
                rank = i;
                break;
            }
        }
        if (rank < sectionRank || (rank == sectionRank && rank < SECTION_ORDER.size())) {
            canonical = false;
        }
        sectionRank = rank;
    }

    private static <T> T once(T previous, T value) throws Unhandled {
        if (previous != null) {
            throw UNHANDLED;
        }
        return value;
    }

    private CommonSection common() throws Unhandled {
        long timestamp = -1;
        Integer smpId = null;
        CommonSection.Task task = null;
        int order = 0;
        expect('{');
        do {
            int f = field();
            if (is(f, "timestamp") && timestamp == -1) {
                order = inOrder(order, 0);
                timestamp = u64();
            } else if (is(f, "smp_id") && smpId == null) {
                order = inOrder(order, 1);
                smpId = (int) unsigned(32);
            } else if (is(f, "task") && task == null) {
                order = inOrder(order, 2);
                task = task();
            } else {
                throw UNHANDLED;
            }
        } while (comma());
        expect('}');
        return new CommonSection(present(timestamp), smpId, task);
    }

    private CommonSection.Task task() throws Unhandled {
        long pid = Long.MIN_VALUE;
        long tgid = Long.MIN_VALUE;
        String comm = null;
        int order = 0;
        expect('{');
        do {
            int f = field();
            if (is(f, "pid") && pid == Long.MIN_VALUE) {
                order = inOrder(order, 0);
                pid = i32();
            } else if (is(f, "tgid") && tgid == Long.MIN_VALUE) {
                order = inOrder(order, 1);
                tgid = i32();
            } else if (is(f, "comm") && comm == null) {
                order = inOrder(order, 2);
                comm = text();
            } else {
                throw UNHANDLED;
            }
        } while (comma());
        expect('}');
        if (pid == Long.MIN_VALUE || tgid == Long.MIN_VALUE || comm == null) {
            throw UNHANDLED;
        }
        return new CommonSection.Task((int) pid, (int) tgid, comm);
    }

    private KernelSection kernel() throws Unhandled {
        String symbol = null;
        String probeType = null;
        List<String> stack = null;
        int order = 0;
        expect('{');
        do {
            int f = field();
            if (is(f, "symbol") && symbol == null) {
                order = inOrder(order, 0);
                symbol = text();
            } else if (is(f, "probe_type") && probeType == null) {
                order = inOrder(order, 1);
                probeType = text();
            } else if (is(f, "stack_trace") && stack == null) {
                order = inOrder(order, 2);
                stack = texts();
            } else {
                throw UNHANDLED;
            }
        } while (comma());
        expect('}');
        if (symbol == null || probeType == null) {
            throw UNHANDLED;
        }
        return new KernelSection(symbol, probeType, stack);
    }

    private List<String> texts() throws Unhandled {
        List<String> values = new ArrayList<>();
        expect('[');
        if (!peekIs(']')) {
            do {
                values.add(text());
            } while (comma());
        }
        expect(']');
        return List.copyOf(values);
    }

    private TrackingSection tracking() throws Unhandled {
        SkbTrackingSection skb = null;
        long idx = -1;
        int order = 0;
        expect('{');
        do {
            int f = field();
            if (is(f, "skb") && skb == null) {
                order = inOrder(order, 0);
                skb = skbTracking();
            } else if (is(f, "idx") && idx == -1) {
                order = inOrder(order, 1);
                idx = unsigned(32);
            } else {
                throw UNHANDLED;
            }
        } while (comma());
        expect('}');
        if (skb == null) {
            throw UNHANDLED;
        }
        return new TrackingSection(skb, (int) present(idx));
    }

    private SkbTrackingSection skbTracking() throws Unhandled {
        long[] v = unsignedFields(ORIG_HEAD_TIMESTAMP_SKB, 64);
        return new SkbTrackingSection(v[0], v[1], v[2]);
    }

    private SkbDropSection skbDrop() throws Unhandled {
        String subsys = null;
        String reason = null;
        int order = 0;
        expect('{');
        do {
            int f = field();
            if (is(f, "subsys") && subsys == null) {
                order = inOrder(order, 0);
                subsys = text();
            } else if (is(f, "drop_reason") && reason == null) {
                order = inOrder(order, 1);
                reason = text();
            } else {
                throw UNHANDLED;
            }
        } while (comma());
        expect('}');
        if (reason == null) {
            throw UNHANDLED;
        }
        return new SkbDropSection(subsys, reason);
    }

    private PacketSection packet() throws Unhandled {
        long len = -1;
        long captureLen = -1;
        byte[] data = null;
        int order = 0;
        expect('{');
        do {
            int f = field();
            if (is(f, "len") && len == -1) {
                order = inOrder(order, 0);
                len = unsigned(32);
            } else if (is(f, "capture_len") && captureLen == -1) {
                order = inOrder(order, 1);
                captureLen = unsigned(32);
            } else if (is(f, "data") && data == null) {
                order = inOrder(order, 2);
                data = base64();
            } else {
                throw UNHANDLED;
            }
        } while (comma());
        expect('}');
        if (data == null) {
            throw UNHANDLED;
        }
        return new PacketSection((int) present(len), (int) present(captureLen), data);
    }

    private SkbSection skb() throws Unhandled {
        SkbSection.VlanAccel vlan = null;
        SkbSection.Meta meta = null;
        SkbSection.DataRef dataRef = null;
        SkbSection.Gso gso = null;
        int order = 0;
        expect('{');
        if (!peekIs('}')) {
            do {
                int f = field();
                if (is(f, "meta") && meta == null) {
                    order = inOrder(order, 0);
                    long[] m = unsignedFields(META, 32);
                    if (m[3] >>> 8 != 0 || m[5] >>> 8 != 0) {
                        throw UNHANDLED;
                    }
                    meta = new SkbSection.Meta(m[0], m[1], m[2], (int) m[3], m[4], (int) m[5], m[6]);
                } else if (is(f, "data_ref") && dataRef == null) {
                    order = inOrder(order, 1);
                    dataRef = dataRef();
                } else if (is(f, "gso") && gso == null) {
                    order = inOrder(order, 2);
                    long[] g = unsignedFields(GSO, 32);
                    if (g[0] >>> 8 != 0 || g[1] >>> 8 != 0) {
                        throw UNHANDLED;
                    }
                    gso = new SkbSection.Gso((int) g[0], (int) g[1], g[2], g[3], g[4]);
                } else {
                    throw UNHANDLED; // vlan_accel is rare: left to the general decoder
                }
            } while (comma());
        }
        expect('}');
        return new SkbSection(vlan, meta, dataRef, gso);
    }

    private SkbSection.DataRef dataRef() throws Unhandled {
        int nohdr = -1;
        int cloned = -1;
        long fclone = -1;
        long users = -1;
        long dataref = -1;
        int order = 0;
        expect('{');
        do {
            int f = field();
            if (is(f, "nohdr") && nohdr == -1) {
                order = inOrder(order, 0);
                nohdr = bool();
            } else if (is(f, "cloned") && cloned == -1) {
                order = inOrder(order, 1);
                cloned = bool();
            } else if (is(f, "fclone") && fclone == -1) {
                order = inOrder(order, 2);
                fclone = unsigned(8);
            } else if (is(f, "users") && users == -1) {
                order = inOrder(order, 3);
                users = unsigned(8);
            } else if (is(f, "dataref") && dataref == -1) {
                order = inOrder(order, 4);
                dataref = unsigned(8);
            } else {
                throw UNHANDLED;
            }
        } while (comma());
        expect('}');
        if (nohdr == -1 || cloned == -1) {
            throw UNHANDLED;
        }
        return new SkbSection.DataRef(nohdr == 1, cloned == 1, (int) present(fclone), (int) present(users),
                (int) present(dataref));
    }

    private NetnsSection netns() throws Unhandled {
        long cookie = -1;
        long inum = -1;
        int order = 0;
        expect('{');
        do {
            int f = field();
            if (is(f, "cookie") && cookie == -1) {
                order = inOrder(order, 0);
                cookie = u64();
                if (cookie == -1) {
                    throw UNHANDLED; // 2^64-1 would read as absent
                }
            } else if (is(f, "inum") && inum == -1) {
                order = inOrder(order, 1);
                inum = unsigned(32);
            } else {
                throw UNHANDLED;
            }
        } while (comma());
        expect('}');
        return new NetnsSection(cookie == -1 ? null : cookie, present(inum));
    }

    private DevSection dev() throws Unhandled {
        String name = null;
        long ifindex = -1;
        long rxIfindex = -1;
        int order = 0;
        expect('{');
        do {
            int f = field();
            if (is(f, "name") && name == null) {
                order = inOrder(order, 0);
                name = text();
            } else if (is(f, "ifindex") && ifindex == -1) {
                order = inOrder(order, 1);
                ifindex = unsigned(32);
            } else if (is(f, "rx_ifindex") && rxIfindex == -1) {
                order = inOrder(order, 2);
                rxIfindex = unsigned(32);
            } else {
                throw UNHANDLED;
            }
        } while (comma());
        expect('}');
        if (name == null) {
            throw UNHANDLED;
        }
        return new DevSection(name, (int) present(ifindex), rxIfindex == -1 ? null : (int) rxIfindex);
    }

    private static final byte[][] ORIG_HEAD_TIMESTAMP_SKB = names("orig_head", "timestamp", "skb");
    private static final byte[][] META = names("len", "data_len", "hash", "ip_summed", "csum", "csum_level", "priority");
    private static final byte[][] GSO = names("flags", "frags", "size", "segs", "type");

    private static byte[][] names(String... names) {
        byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }

    /**
     * An object whose fields are all the given names, each once, in any order, with unsigned
     * values of at most {@code bits} bits (64: any u64; u64 2^64-1 is refused as it reads as -1).
     */
    private long[] unsignedFields(byte[][] names, int bits) throws Unhandled {
        long[] values = new long[names.length];
        int seen = 0;
        expect('{');
        do {
            int f = field();
            int i = Integer.bitCount(seen); // in the usual order, the next name is the one
            if (i == names.length || !is(f, names[i])) {
                canonical = false;
                i = 0;
                while (i < names.length && !is(f, names[i])) {
                    i++;
                }
            }
            if (i == names.length || (seen & 1 << i) != 0) {
                throw UNHANDLED;
            }
            seen |= 1 << i;
            values[i] = bits == 64 ? u64() : unsigned(bits);
        } while (comma());
        expect('}');
        if (seen != (1 << names.length) - 1) {
            throw UNHANDLED;
        }
        return values;
    }

    private static boolean isScalarByte(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '+' || c == '.';
    }

    // --- Tokens ---------------------------------------------------------------------------

    private void skipBlanks() {
        byte c;
        while (pos < end && ((c = b[pos]) == ' ' || c == '\t' || c == '\r' || c == '\n')) {
            pos++;
            canonical = false;
        }
    }

    /** Notes a field of rank {@code rank} in the encoder's order, after one of rank {@code last}. */
    private int inOrder(int last, int rank) {
        if (rank < last) {
            canonical = false;
        }
        return rank;
    }

    private void expect(char c) throws Unhandled {
        skipBlanks();
        if (pos >= end || b[pos] != c) {
            throw UNHANDLED;
        }
        pos++;
    }

    private boolean peekIs(char c) {
        skipBlanks();
        return pos < end && b[pos] == c;
    }

    /** Consumes a comma and says so, or says the container ends here. */
    private boolean comma() {
        skipBlanks();
        if (pos < end && b[pos] == ',') {
            pos++;
            return true;
        }
        return false;
    }

    /** Reads a field name and its colon; returns the name's start (it ends at {@link #tokenEnd}). */
    private int field() throws Unhandled {
        int start = string();
        expect(':');
        skipBlanks();
        if (pos < end && b[pos] == 'n') {
            throw UNHANDLED; // null: the general decoder skips the field
        }
        return start;
    }

    private boolean is(int nameStart, byte[] name) {
        return tokenEnd - nameStart == name.length && Arrays.equals(b, nameStart, tokenEnd, name, 0, name.length);
    }

    private boolean is(int nameStart, String name) {
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
    private int string() throws Unhandled {
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
                throw UNHANDLED;
            }
            i++;
        }
        throw UNHANDLED;
    }

    private String text() throws Unhandled {
        int start = string();
        return strings.get(b, start, tokenEnd);
    }

    /** 1 for true, 0 for false. */
    private int bool() throws Unhandled {
        if (matches("true")) {
            return 1;
        }
        if (matches("false")) {
            return 0;
        }
        throw UNHANDLED;
    }

    private boolean matches(String word) {
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

    /** A u64 in its canonical decimal form (as Jackson reads it: no leading zero, no sign). */
    private long u64() throws Unhandled {
        skipBlanks();
        byte[] bytes = b;
        int start = pos;
        int i = start;
        int limit = end;
        long value = 0;
        // 18 digits cannot overflow; the 19th and 20th are checked.
        int safeEnd = Math.min(limit, start + 18);
        int digit;
        while (i < safeEnd && (digit = bytes[i] - '0') >= 0 && digit <= 9) {
            value = value * 10 + digit;
            i++;
        }
        while (i < limit && (digit = bytes[i] - '0') >= 0 && digit <= 9) {
            if (Long.compareUnsigned(value, MAX_BEFORE_DIGIT) > 0) {
                throw UNHANDLED;
            }
            long next = value * 10 + digit;
            if (Long.compareUnsigned(next, value * 10) < 0) {
                throw UNHANDLED; // past 2^64-1
            }
            value = next;
            i++;
        }
        pos = i;
        int digits = i - start;
        if (digits == 0 || (digits > 1 && bytes[start] == '0') || endsNumberBadly()) {
            throw UNHANDLED;
        }
        return value;
    }

    /** A decimal followed by {@code .}, {@code e} or {@code E} is not an integer. */
    private boolean endsNumberBadly() {
        return pos < end && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E');
    }

    private long unsigned(int bits) throws Unhandled {
        long value = u64();
        if (value >>> bits != 0) {
            throw UNHANDLED;
        }
        return value;
    }

    private long i32() throws Unhandled {
        skipBlanks();
        boolean negative = pos < end && b[pos] == '-';
        if (negative) {
            pos++;
            if (pos < end && b[pos] == '-') {
                throw UNHANDLED;
            }
        }
        long value = unsigned(32);
        long signed = negative ? -value : value;
        if (signed < Integer.MIN_VALUE || signed > Integer.MAX_VALUE || (negative && value == 0)) {
            throw UNHANDLED;
        }
        return signed;
    }

    private static long present(long value) throws Unhandled {
        if (value == -1) {
            throw UNHANDLED;
        }
        return value;
    }

    /** Standard base64 with padding, nothing else, and no stray bits before the padding. */
    private byte[] base64() throws Unhandled {
        int start = string();
        int length = tokenEnd - start;
        if (length % 4 != 0) {
            throw UNHANDLED;
        }
        int padding = length == 0 ? 0 : b[start + length - 1] != '=' ? 0 : b[start + length - 2] != '=' ? 1 : 2;
        byte[] out = new byte[length / 4 * 3 - padding];
        int o = 0;
        int full = start + length - (padding == 0 ? 0 : 4);
        for (int i = start; i < full; i += 4) {
            int bits = SEXTETS[b[i] & 0xff] << 18 | SEXTETS[b[i + 1] & 0xff] << 12
                    | SEXTETS[b[i + 2] & 0xff] << 6 | SEXTETS[b[i + 3] & 0xff];
            if (bits < 0) {
                throw UNHANDLED; // a byte outside the alphabet (its entry is -1)
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (padding == 1) {
            int bits = sextet(b[full]) << 12 | sextet(b[full + 1]) << 6 | sextet(b[full + 2]);
            if ((bits & 0x3) != 0) {
                throw UNHANDLED;
            }
            out[o++] = (byte) (bits >> 10);
            out[o] = (byte) (bits >> 2);
        } else if (padding == 2) {
            int bits = sextet(b[full]) << 6 | sextet(b[full + 1]);
            if ((bits & 0xf) != 0) {
                throw UNHANDLED;
            }
            out[o] = (byte) (bits >> 4);
        }
        return out;
    }

    /** The value of each base64 byte, -1 for bytes outside the alphabet. */
    private static final int[] SEXTETS = new int[256];

    static {
        Arrays.fill(SEXTETS, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTETS[alphabet.charAt(i)] = i;
        }
    }

    private static int sextet(byte c) throws Unhandled {
        int value = SEXTETS[c & 0xff];
        if (value < 0) {
            throw UNHANDLED;
        }
        return value;
    }

    /**
     * A raw section as Jackson's tree reader builds it (same node types); gives up on floats,
     * whose exact decimals are left to Jackson, and on duplicate keys.
     */
    private JsonNode tree(int depth) throws Unhandled {
        if (depth > 64) {
            throw UNHANDLED;
        }
        skipBlanks();
        if (pos >= end) {
            throw UNHANDLED;
        }
        switch (b[pos]) {
            case '{' -> {
                pos++;
                ObjectNode object = NODES.objectNode();
                if (!peekIs('}')) {
                    do {
                        int start = string();
                        String key = strings.get(b, start, tokenEnd);
                        expect(':');
                        if (object.replace(key, tree(depth + 1)) != null) {
                            throw UNHANDLED;
                        }
                    } while (comma());
                }
                expect('}');
                return object;
            }
            case '[' -> {
                pos++;
                ArrayNode array = NODES.arrayNode();
                if (!peekIs(']')) {
                    do {
                        array.add(tree(depth + 1));
                    } while (comma());
                }
                expect(']');
                return array;
            }
            case '"' -> {
                return NODES.textNode(text());
            }
            case 't', 'f' -> {
                return NODES.booleanNode(bool() == 1);
            }
            case 'n' -> {
                if (!matches("null")) {
                    throw UNHANDLED;
                }
                return NODES.nullNode();
            }
            default -> {
                return integer();
            }
        }
    }

    /** An integer node: int if it fits, else long; bigger ones are left to Jackson. */
    private JsonNode integer() throws Unhandled {
        boolean negative = pos < end && b[pos] == '-';
        if (negative) {
            pos++;
        }
        if (pos < end && b[pos] == '-') {
            throw UNHANDLED;
        }
        long value = u64();
        if (value < 0 || (negative && value == 0)) {
            throw UNHANDLED;
        }
        long signed = negative ? -value : value;
        return signed == (int) signed ? NODES.numberNode((int) signed) : NODES.numberNode(signed);
    }
}
