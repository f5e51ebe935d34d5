package org.jretis.event.json;

import java.util.ArrayList;
import java.util.List;
import org.jretis.event.Event;

/** Event lines decoded for the fuzz tests of other packages (the decoder is this package's). */
public final class FuzzedEvents {
    private static final EventDecoder[] DECODERS = {
        new EventDecoder(FormatVersion.CURRENT), new EventDecoder(FormatVersion.V1_6), new EventDecoder(FormatVersion.V1_5)};

    private FuzzedEvents() {}

    /**
     * The events a line gives read in each layout (current first), as an event or as a series;
     * none when every reading refuses it, as readers do, with a {@link MalformedEventException}.
     */
    public static List<Event> decode(byte[] line) {
        List<Event> events = new ArrayList<>();
        for (EventDecoder decoder : DECODERS) {
            try {
                events.add(decoder.decodeEvent(line, line.length));
            } catch (MalformedEventException e) {
                // refused: the reader's answer to a bad line
            }
            try {
                events.addAll(decoder.decodeSeries(line, line.length));
            } catch (MalformedEventException e) {
                // refused
            }
        }
        return events;
    }
}
