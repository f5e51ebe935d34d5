package org.jretis.event.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jretis.event.Event;

/**
 * The two readers of an event line must agree: the byte scanner either gives up or gives exactly
 * the event the general (Jackson) decoder gives, and the general decoder answers any line with
 * an event or a {@link MalformedEventException}, nothing else. And what is read, once written
 * again, reads back the same. The general decoder is reached
 * through the series path (the line in brackets), which the scanner never takes.
 */
final class DecoderAgreement {
    private final FastEventScanner scanner = new FastEventScanner();
    private final EventDecoder general = new EventDecoder(FormatVersion.CURRENT);

    FastEventScanner scanner() {
        return scanner;
    }

    /** True when the scanner read the line itself; throws AssertionError when the readers disagree. */
    boolean check(byte[] line) {
        Event fast = scanner.scan(line, line.length);
        byte[] series = series(line);
        List<Event> events;
        try {
            events = general.decodeSeries(series, series.length);
        } catch (MalformedEventException e) {
            if (fast != null) {
                throw new AssertionError("scanner read a line the general decoder refuses: " + text(line), e);
            }
            return false;
        }
        assertReadBackAsWritten(events);
        if (fast == null) {
            return false;
        }
        assertThat(events).as(text(line)).hasSize(1);
        Event expected = events.getFirst();
        String text = text(line);
        assertThat(EventWriter.toJson(fast)).as(text).isEqualTo(EventWriter.toJson(expected));
        assertThat(fast.others).as(text).isEqualTo(expected.others);
        assertThat(fast.packet == null ? null : fast.packet.data())
                .isEqualTo(expected.packet == null ? null : expected.packet.data());
        byte[] withoutPacket = scanner.canonicalJsonWithoutPacket();
        if (withoutPacket != null) {
            assertThat(new String(withoutPacket, StandardCharsets.UTF_8)).as(text)
                    .isEqualTo(EventWriter.toJson(copyWithoutPacket(expected)));
        }
        return true;
    }

    /**
     * What the writer makes of the events read, the reader reads back as the same events. They
     * are written back as one series, as they were read: which sections of a series are kept
     * raw (unvalidated) is decided for the whole series, by the first event whose section has
     * another shape.
     */
    private void assertReadBackAsWritten(List<Event> events) {
        StringBuilder written = new StringBuilder("[");
        for (Event event : events) {
            written.append(written.length() > 1 ? "," : "").append(EventWriter.toJson(event));
        }
        byte[] series = written.append(']').toString().getBytes(StandardCharsets.UTF_8);
        try {
            List<Event> reread = general.decodeSeries(series, series.length);
            assertThat(reread).hasSameSizeAs(events);
            for (int i = 0; i < events.size(); i++) {
                assertThat(EventWriter.toJson(reread.get(i))).isEqualTo(EventWriter.toJson(events.get(i)));
            }
        } catch (MalformedEventException e) {
            throw new AssertionError("the reader refuses what the writer wrote: " + text(series), e);
        }
    }

    private static byte[] series(byte[] line) {
        byte[] series = new byte[line.length + 2];
        series[0] = '[';
        System.arraycopy(line, 0, series, 1, line.length);
        series[series.length - 1] = ']';
        return series;
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    private static Event copyWithoutPacket(Event e) {
        Event copy = e.copy();
        copy.packet = null;
        return copy;
    }
}
