package org.jretis.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jretis.event.Event;
import org.jretis.event.json.FuzzedEvents;

/**
 * Whatever an events file line decodes to (in any layout, startup events setting the clock for
 * {@code --utc}) prints in every text layout without an exception.
 */
class EventFormatterFuzzTest {
    private static final EventFormatter[] FORMATTERS = {
        new EventFormatter(EventFormatter.Format.MULTI_LINE, false, false),
        new EventFormatter(EventFormatter.Format.MULTI_LINE, true, true),
        new EventFormatter(EventFormatter.Format.SINGLE_LINE, false, true),
        new EventFormatter(EventFormatter.Format.SINGLE_LINE, true, false)};

    @FuzzTest(maxDuration = "10s")
    void formatsAnyDecodedEvent(byte[] line) {
        for (Event event : FuzzedEvents.decode(line)) {
            for (EventFormatter formatter : FORMATTERS) {
                formatter.format(event, new StringBuilder());
            }
        }
    }
}
