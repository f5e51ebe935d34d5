package org.jretis.process;

import com.fasterxml.jackson.databind.JsonNode;
import org.jretis.event.Event;

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
        JsonNode ovs = e.others.get("ovs");
        if (ovs == null || !ovs.isObject()) {
            return id;
        }
        switch (ovs.path("event_type").asText()) {
            case "upcall" -> {
                if (id != null && e.common != null) {
                    upcalls.put(new UpcallKey(ovs.path("cpu").asLong(), e.common.timestamp()), id);
                }
            }
            case "upcall_enqueue" -> {
                TrackingId upcall = upcalls.get(upcallOf(ovs));
                if (upcall != null) {
                    queues.put(ovs.path("queue_id").asLong(), upcall);
                    return upcall;
                }
            }
            case "upcall_return" -> upcalls.remove(upcallOf(ovs));
            case "recv_upcall", "flow_operation" -> {
                return ovs.has("queue_id") ? queues.getOrDefault(ovs.path("queue_id").asLong(), id) : id;
            }
            case "action_execute" -> {
                TrackingId queued = ovs.has("queue_id") ? queues.get(ovs.path("queue_id").asLong()) : null;
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
        return new UpcallKey(ovs.path("upcall_cpu").asLong(), ovs.path("upcall_ts").asLong());
    }
}
