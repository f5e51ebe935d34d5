package org.jretis.process;

import com.fasterxml.jackson.databind.JsonNode;
import org.jretis.event.Event;
import org.jretis.event.json.OvsJson;

/**
 * Joins OVS events to the series of the packet that caused the upcall (§7 step 2 of the
 * reference): an upcall is known by (cpu, timestamp), its enqueue gives the netlink queue id, the
 * userspace events and the action execution carry that queue id, and the packet re-injected by
 * the action gets a new tracking id that is aliased to the series.
 */
final class OvsLinker {
    private record UpcallKey(long cpu, long timestamp) {}

    private final BoundedMap<UpcallKey, TrackingId> upcalls;
    private final BoundedMap<Long, TrackingId> queues;
    private final BoundedMap<TrackingId, TrackingId> aliases;

    OvsLinker(int capacity) {
        upcalls = new BoundedMap<>(capacity);
        queues = new BoundedMap<>(capacity);
        aliases = new BoundedMap<>(capacity);
    }

    /** The id of the series the event belongs to, or null if it belongs to none. */
    TrackingId seriesOf(Event e) {
        TrackingId own = TrackingId.of(e.skbTracking);
        TrackingId id = own == null ? null : aliases.getOrDefault(own, own);
        JsonNode ovs = e.others.get(OvsJson.SECTION);
        if (ovs == null || !ovs.isObject()) {
            return id;
        }
        switch (ovs.path(OvsJson.EVENT_TYPE).asText()) {
            case OvsJson.UPCALL -> {
                if (id != null && e.common != null) {
                    upcalls.put(new UpcallKey(ovs.path(OvsJson.CPU).asLong(), e.common.timestamp()), id);
                }
            }
            case OvsJson.UPCALL_ENQUEUE -> {
                TrackingId upcall = upcalls.get(upcallOf(ovs));
                if (upcall != null) {
                    queues.put(ovs.path(OvsJson.QUEUE_ID).asLong(), upcall);
                    return upcall;
                }
            }
            case OvsJson.UPCALL_RETURN -> upcalls.remove(upcallOf(ovs));
            case OvsJson.RECV_UPCALL, OvsJson.FLOW_OPERATION -> {
                return ovs.has(OvsJson.QUEUE_ID) ? queues.getOrDefault(ovs.path(OvsJson.QUEUE_ID).asLong(), id) : id;
            }
            case OvsJson.ACTION_EXECUTE -> {
                TrackingId queued = ovs.has(OvsJson.QUEUE_ID) ? queues.get(ovs.path(OvsJson.QUEUE_ID).asLong()) : null;
                if (queued != null) {
                    if (own != null && !own.equals(queued)) {
                        aliases.put(own, queued);
                    }
                    return queued;
                }
            }
            default -> { }
        }
        return id;
    }

    private static UpcallKey upcallOf(JsonNode ovs) {
        return new UpcallKey(ovs.path(OvsJson.UPCALL_CPU).asLong(), ovs.path(OvsJson.UPCALL_TS).asLong());
    }
}
