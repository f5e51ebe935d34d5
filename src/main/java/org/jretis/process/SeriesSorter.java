package org.jretis.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jretis.event.Event;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.TrackingSection;

/**
 * Retis' {@code sort} (§7 of the reference): groups events by packet (tracking id, with OVS
 * upcalls linked) into series, each event given a {@code tracking} section {first event's
 * skb-tracking, index in the series}, and emits series oldest first. At most {@code maxBuffer}
 * events are held (0: no limit): when full, the oldest series is emitted, so a later event of
 * that packet starts a new series whose indexes continue. Events of no packet are series of
 * their own; the first startup event is emitted at once, as the first series.
 */
public final class SeriesSorter {
    /** Retis' default for {@code --max-buffer}. */
    public static final int DEFAULT_MAX_BUFFER = 1000;
    /** What {@code sort} logs, and does nothing else, when its input is a sorted file. */
    public static final String ALREADY_SORTED = "File already sorted";
    /** How many emitted packets are remembered, to continue their indexes and links. */
    private static final int REMEMBERED_PACKETS = 1 << 16;

    /** Series order: first timestamp then head, both unsigned, then arrival. */
    private record SeriesKey(long timestamp, long origHead, long arrival) implements Comparable<SeriesKey> {
        @Override
        public int compareTo(SeriesKey o) {
            int c = Long.compareUnsigned(timestamp, o.timestamp);
            if (c == 0) {
                c = Long.compareUnsigned(origHead, o.origHead);
            }
            return c != 0 ? c : Long.compare(arrival, o.arrival);
        }
    }

    /** A packet's tracking state: the skb-tracking of its first event and the next index. */
    private static final class Tracking {
        final SkbTrackingSection first;
        int nextIdx;

        Tracking(SkbTrackingSection first) {
            this.first = first;
        }
    }

    private record Series(TrackingId id, Tracking tracking, List<Event> events) {}

    private final int maxBuffer;
    private final SeriesSink sink;
    private final TreeMap<SeriesKey, Series> buffer = new TreeMap<>();
    private final Map<TrackingId, Series> bufferedById = new HashMap<>();
    private final EmittedPackets emitted = new EmittedPackets(REMEMBERED_PACKETS);
    private final OvsLinker ovs = new OvsLinker(REMEMBERED_PACKETS);
    private long arrivals;
    private int bufferedEvents;
    private boolean startupEmitted;

    /**
     * @param maxBuffer events held before the oldest series is emitted; 0 for no limit
     * @param sink      receives the series
     */
    public SeriesSorter(int maxBuffer, SeriesSink sink) {
        if (maxBuffer < 0) {
            throw new IllegalArgumentException("max buffer must not be negative: " + maxBuffer);
        }
        this.maxBuffer = maxBuffer;
        this.sink = sink;
    }

    /** Adds the next event of the input, in file order; may emit series. */
    public void add(Event event) throws IOException {
        if (event.isStartup() && !startupEmitted) {
            startupEmitted = true;
            sink.accept(List.of(event));
            return;
        }
        TrackingId id = ovs.seriesOf(event);
        if (id == null) {
            long timestamp = event.common == null ? 0 : event.common.timestamp();
            buffer.put(new SeriesKey(timestamp, 0, arrivals++), new Series(null, null, new ArrayList<>(List.of(event))));
        } else {
            Series series = bufferedById.get(id);
            if (series == null) {
                series = open(id, event);
            }
            event.tracking = new TrackingSection(series.tracking.first, series.tracking.nextIdx++);
            series.events.add(event);
        }
        bufferedEvents++;
        while (maxBuffer > 0 && bufferedEvents >= maxBuffer) {
            emitOldest();
        }
    }

    private Series open(TrackingId id, Event event) {
        EmittedPackets.Entry known = emitted.remove(id);
        Tracking tracking;
        if (known != null) {
            tracking = new Tracking(new SkbTrackingSection(id.origHead(), id.timestamp(), known.skb()));
            tracking.nextIdx = known.nextIdx();
        } else {
            // An OVS-linked event may lack skb-tracking: the id is then the upcall's.
            SkbTrackingSection first = event.skbTracking != null && TrackingId.of(event.skbTracking).equals(id)
                    ? event.skbTracking : new SkbTrackingSection(id.origHead(), id.timestamp(), 0);
            tracking = new Tracking(first);
        }
        Series series = new Series(id, tracking, new ArrayList<>());
        buffer.put(new SeriesKey(id.timestamp(), id.origHead(), arrivals++), series);
        bufferedById.put(id, series);
        return series;
    }

    /** Emits everything still held, oldest first; call at the end of the input. */
    public void finish() throws IOException {
        while (!buffer.isEmpty()) {
            emitOldest();
        }
    }

    /** Events currently held. */
    public int bufferedEvents() {
        return bufferedEvents;
    }

    private void emitOldest() throws IOException {
        Series series = buffer.pollFirstEntry().getValue();
        if (series.id != null) {
            bufferedById.remove(series.id);
            emitted.put(series.id, series.tracking.first.skb(), series.tracking.nextIdx);
        }
        bufferedEvents -= series.events.size();
        sink.accept(series.events);
    }
}
