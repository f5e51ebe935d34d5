package org.jretis.event.json;

import static org.jretis.event.json.EventJson.SECTION_ORDER;
import static org.jretis.event.json.EventJson.TYPED_IN_ORDER;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jretis.event.Event;

/**
 * Reads one event line in the current layout straight from its bytes, for the sections that fill
 * big files; other sections are kept raw as {@link EventDecoder} does. Anything it does not expect
 * (nulls, escapes, non-ASCII text, a missing or unknown field, a bad value) makes it give up, and
 * {@link EventDecoder} reads the line instead: the result, or the error message, is then the one
 * the general path gives. The sections it types are those that path types, with the same values,
 * so both give equal events. The sections themselves are read by {@link ProbeSectionScanner},
 * {@link SkbSectionScanner}, {@link PathSectionScanner} and {@link RawTreeScanner}.
 */
final class FastEventScanner {
    /** {@link EventJson#SECTION_ORDER} as bytes, compared with the line's in place. */
    private static final byte[][] NAMES_IN_ORDER = SECTION_ORDER.stream()
            .map(name -> name.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private final ByteCursor in = new ByteCursor();
    private byte[] line;
    private int length;
    /** Rank in {@link EventJson#SECTION_ORDER} of the last section read. */
    private int sectionRank;
    /** Where the packet member starts (its name's quote) and ends; -1 without one. */
    private int packetStart;
    private int packetEnd;

    /** The event of the line, or null when the general decoder must read it. */
    Event scan(byte[] line, int length) {
        this.line = line;
        this.length = length;
        in.reset(line, length);
        sectionRank = -1;
        packetStart = -1;
        try {
            return event();
        } catch (Unscannable | RuntimeException e) {
            in.notCanonical();
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
        if (!in.canonical()) {
            return null;
        }
        if (packetStart < 0) {
            return Arrays.copyOf(line, length);
        }
        int from = packetStart;
        int to = packetEnd;
        if (line[from - 1] == ',') {
            from--;
        } else if (line[to] == ',') {
            to++;
        }
        byte[] json = new byte[length - (to - from)];
        System.arraycopy(line, 0, json, 0, from);
        System.arraycopy(line, to, json, from, length - to);
        return json;
    }

    private Event event() throws Unscannable {
        Event e = new Event();
        in.expect('{');
        if (!in.peekIs('}')) {
            do {
                int nameStart = in.string();
                in.expect(':');
                section(e, nameStart, rankSection(nameStart));
                if (packetStart == nameStart - 1 && packetEnd == 0) {
                    packetEnd = in.position();
                }
            } while (in.comma());
        }
        in.expect('}');
        in.skipBlanks();
        if (!in.atEnd()) {
            throw Unscannable.LINE;
        }
        return e;
    }

    private void section(Event e, int nameStart, int rank) throws Unscannable {
        CoreSection<?> typed = rank < TYPED_IN_ORDER.size() ? TYPED_IN_ORDER.get(rank) : null;
        if (typed == null) {
            String name = in.stringFrom(nameStart);
            in.refuseNull();
            if (e.others.put(name, RawTreeScanner.tree(in)) != null) {
                throw Unscannable.LINE;
            }
            return;
        }
        if (!typed.scannable()) {
            throw Unscannable.LINE; // rare: left to the general decoder
        }
        if (typed == PacketJson.CODEC) {
            packetStart = nameStart - 1;
            packetEnd = 0;
        }
        typed.scan(in, e);
    }

    /**
     * Sections are written in {@link EventJson#SECTION_ORDER}, then the others in read order:
     * a line in another order is not canonical. Returns the section's rank, the size of the
     * order for a section not in it. The search starts after the previous section's rank, where
     * the next one usually is.
     */
    private int rankSection(int nameStart) {
        int count = NAMES_IN_ORDER.length;
        int rank = count;
        int first = sectionRank + 1 < count ? sectionRank + 1 : 0;
        for (int k = 0; k < count; k++) {
            int i = first + k < count ? first + k : first + k - count;
            if (in.is(nameStart, NAMES_IN_ORDER[i])) {
                rank = i;
                break;
            }
        }
        if (rank < sectionRank || (rank == sectionRank && rank < count)) {
            in.notCanonical();
        }
        sectionRank = rank;
        return rank;
    }
}
