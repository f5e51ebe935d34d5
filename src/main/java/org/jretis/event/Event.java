package org.jretis.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Retis event: a set of optional sections, as in Retis' events files (§4.2 of the reference).
 * The core sections are typed fields. Any other section is kept as its JSON tree in
 * {@link #others}, keyed by its name, and written back unchanged: those of collector units
 * ({@code org.jretis.collector}, e.g. ct and nft), which make and read these trees, and those
 * no unit owns (ovs, ...).
 * Unsigned 64-bit values (addresses, timestamps) are held in {@code long}s and must be read with
 * {@link Long#toUnsignedString(long)} and friends.
 */
public final class Event {
    public CommonSection common;
    public KernelSection kernel;
    public UserspaceSection userspace;
    public TrackingSection tracking;
    public SkbTrackingSection skbTracking;
    public SkbDropSection skbDrop;
    public PacketSection packet;
    public SkbSection skb;
    public NetnsSection netns;
    public DevSection dev;
    public StartupSection startup;
    /**
     * Sections not modelled, in file order, by section name; also a modelled section read in a
     * shape we do not model (e.g. the pre-1.5 flat {@code skb}), whose typed field is then null.
     */
    public final Map<String, JsonNode> others = new LinkedHashMap<>();

    public boolean isStartup() {
        return startup != null;
    }

    /**
     * A copy sharing the (immutable) sections, so one section can be replaced or dropped. Every
     * field is listed (EventTest fails on one left out): no reflection on this path.
     */
    public Event copy() {
        Event e = new Event();
        e.common = common;
        e.kernel = kernel;
        e.userspace = userspace;
        e.tracking = tracking;
        e.skbTracking = skbTracking;
        e.skbDrop = skbDrop;
        e.packet = packet;
        e.skb = skb;
        e.netns = netns;
        e.dev = dev;
        e.startup = startup;
        e.others.putAll(others);
        return e;
    }
}
