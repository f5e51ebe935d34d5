package org.jretis.event.json;

import static org.jretis.event.json.JsonValues.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jretis.collector.Unit;
import org.jretis.collector.Units;
import org.jretis.event.DevSection;
import org.jretis.event.Event;
import org.jretis.event.NetnsSection;
import org.jretis.event.PacketSection;

/**
 * Reads one line of an events file (an event) or of a sorted file (a series) into {@link Event}s,
 * streaming through the modelled sections. A modelled section in another shape (old layouts)
 * makes the line be read again with that section kept raw, so nothing is lost; older layouts get
 * Retis' compatibility fixups first.
 */
final class EventDecoder {
    /** Where v1.5 kept the netns. */
    private static final String NS_V15 = SkbJson.SECTION + "." + SkbJson.NS_V15;
    private final FormatVersion version;
    /** The fast path for lines in the current layout; null for older layouts. */
    private final FastEventScanner scanner;

    EventDecoder(FormatVersion version) {
        this.version = version;
        this.scanner = version == FormatVersion.CURRENT ? new FastEventScanner() : null;
    }

    Event decodeEvent(byte[] line, int length) throws MalformedEventException {
        Event fast = scanner == null ? null : scanner.scan(line, length);
        return fast != null ? fast : decode(line, length, false).getFirst();
    }

    /** See {@link FastEventScanner#canonicalJsonWithoutPacket()}; null for older layouts. */
    byte[] canonicalJsonWithoutPacket() {
        return scanner == null ? null : scanner.canonicalJsonWithoutPacket();
    }

    List<Event> decodeSeries(byte[] line, int length) throws MalformedEventException {
        return decode(line, length, true);
    }

    private List<Event> decode(byte[] line, int length, boolean series) throws MalformedEventException {
        Set<String> rawSections = new HashSet<>();
        while (true) {
            try (JsonParser p = EventJson.mapper().createParser(line, 0, length)) {
                List<Event> events = new ArrayList<>(series ? 4 : 1);
                p.nextToken();
                if (series) {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw new MalformedEventException("expected a series (a JSON array of events)");
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        events.add(event(p, rawSections));
                    }
                } else {
                    events.add(event(p, rawSections));
                }
                if (p.nextToken() != null) {
                    throw new MalformedEventException("unexpected data after the " + (series ? "series" : "event"));
                }
                return events;
            } catch (SectionShapeException e) {
                if (!rawSections.add(e.section)) {
                    throw new MalformedEventException(e.section + ": unreadable section"); // never loop
                }
            } catch (StreamReadException e) {
                throw new MalformedEventException("invalid JSON: " + e.getOriginalMessage());
            } catch (NumberFormatException e) {
                // Jackson's tree model refuses some numbers only when it converts them (1e999999999).
                throw new MalformedEventException("invalid number: " + e.getMessage());
            } catch (IOException e) {
                throw new MalformedEventException(e.getMessage()); // reading a byte array: only parse errors
            }
        }
    }

    private Event event(JsonParser p, Set<String> rawSections)
            throws IOException, MalformedEventException, SectionShapeException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedEventException("expected an event (a JSON object)");
        }
        Event e = new Event();
        String name;
        while ((name = nextField(p)) != null) {
            if (version == FormatVersion.V1_5 && name.equals(SkbJson.SECTION)) {
                skbV15(readTree(p), e, rawSections.contains(SkbJson.SECTION));
            } else if (rawSections.contains(name)) {
                e.others.put(name, readTree(p));
            } else {
                section(name, p, e);
            }
        }
        return e;
    }

    private void section(String name, JsonParser p, Event e)
            throws IOException, MalformedEventException, SectionShapeException {
        CoreSection<?> typed = CoreSections.byName(name);
        if (typed != null) {
            typed.read(p, e);
        } else {
            e.others.put(name, upgrade(name, readTree(p)));
        }
    }

    private static JsonNode readTree(JsonParser p) throws IOException {
        return EventJson.mapper().readTree(p);
    }

    /**
     * v1.5 nested packet, dev and netns in {@code skb}: they become sections of their own, as
     * Retis' compat does. What is left stays {@code skb}, typed if it has the current shape.
     */
    private void skbV15(JsonNode tree, Event e, boolean keepRaw) throws IOException, MalformedEventException {
        if (!(tree instanceof ObjectNode skb)) {
            throw new MalformedEventException(SkbJson.SECTION + ": expected an object");
        }
        PacketSection packet = fromTree(skb, PacketJson.SECTION,
                p -> SectionDecoder.packet(p, SkbJson.SECTION + "." + PacketJson.SECTION, PacketJson.DATA_V15));
        if (packet != null) {
            e.packet = packet;
        }
        DevSection dev = fromTree(skb, DevJson.SECTION, p -> SectionDecoder.dev(p, SkbJson.SECTION + "." + DevJson.SECTION));
        if (dev != null) {
            e.dev = dev;
        }
        NetnsSection netns = fromTree(skb, SkbJson.NS_V15, EventDecoder::netnsV15);
        if (netns != null) {
            e.netns = netns;
        }
        if (skb.isEmpty()) {
            return;
        }
        if (!keepRaw) {
            try (JsonParser p = skb.traverse(EventJson.mapper())) {
                p.nextToken();
                e.skb = SectionDecoder.skb(p);
                return;
            } catch (SectionShapeException shape) {
                // kept raw below
            }
        }
        e.others.put(SkbJson.SECTION, skb);
    }

    private static NetnsSection netnsV15(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long inum = null;
        String f;
        while ((f = nextField(p)) != null) {
            if (!f.equals(SkbJson.NS_NETNS_V15)) {
                throw new SectionShapeException(NS_V15);
            }
            inum = unsigned(p, NS_V15 + "." + SkbJson.NS_NETNS_V15, 32);
        }
        return new NetnsSection(null, required(inum, NS_V15));
    }

    private interface PartReader<T> {
        T read(JsonParser p) throws IOException, MalformedEventException, SectionShapeException;
    }

    /** Reads and removes {@code skb.<field>}; null (and left in place) if absent or of another shape. */
    private static <T> T fromTree(ObjectNode skb, String field, PartReader<T> reader)
            throws IOException, MalformedEventException {
        JsonNode part = skb.get(field);
        if (part == null || !part.isObject()) {
            return null;
        }
        try (JsonParser p = part.traverse(EventJson.mapper())) {
            p.nextToken();
            T value = reader.read(p);
            skb.remove(field);
            return value;
        } catch (SectionShapeException shape) {
            return null;
        }
    }

    /** A unit's section read from a file of an older layout, in the current one. */
    private JsonNode upgrade(String name, JsonNode section) {
        Unit unit = Units.bySection(name);
        return unit != null && version != FormatVersion.CURRENT ? unit.upgrade(section) : section;
    }
}
