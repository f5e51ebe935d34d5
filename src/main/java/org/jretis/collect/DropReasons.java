package org.jretis.collect;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.jretis.event.SkbDropSection;
import org.jretis.log.Log;

/**
 * Names of the kernel's drop reasons ({@code enum skb_drop_reason}, read from BTF), with their
 * subsystem for the values a subsystem owns (upper 16 bits).
 */
final class DropReasons {
    private static final String SUBSYS_PREFIX = "SKB_DROP_REASON_SUBSYS_";
    private final Map<Integer, String> core;
    private final Map<Integer, String> subsystems;

    /**
     * @param core       reason value → name without the SKB_DROP_REASON_ prefix
     * @param subsystems subsystem id → lowercase name
     */
    DropReasons(Map<Integer, String> core, Map<Integer, String> subsystems) {
        this.core = core;
        this.subsystems = subsystems;
    }

    /** Reads the names from the kernel's {@code enum skb_drop_reason} and its subsystems. */
    static DropReasons fromBtf(Btf btf) {
        Map<Integer, String> core = new HashMap<>();
        Map<Integer, String> subsystems = new HashMap<>();
        try {
            btf.enumValues("skb_drop_reason").forEach((v, name) -> core.put(v.intValue(), strip(name)));
        } catch (BtfException e) {
            Log.warn("This kernel doesn't provide skb drop reasons");
        }
        try {
            btf.enumValues("skb_drop_reason_subsys").forEach((v, name) ->
                    subsystems.put(v.intValue(), name.substring(SUBSYS_PREFIX.length()).toLowerCase(Locale.ROOT)));
        } catch (BtfException | StringIndexOutOfBoundsException e) {
            Log.debug("no drop reason subsystems in BTF");
        }
        return new DropReasons(core, subsystems);
    }

    /** {@code SKB_DROP_REASON_NO_SOCKET} → {@code NO_SOCKET}, {@code SKB_CONSUMED} → {@code CONSUMED}. */
    private static String strip(String name) {
        String s = name.startsWith("SKB_") ? name.substring(4) : name;
        return s.startsWith("DROP_REASON_") ? s.substring("DROP_REASON_".length()) : s;
    }

    static DropReasons none() {
        return new DropReasons(Map.of(), Map.of());
    }

    SkbDropSection section(int value) {
        int subsys = value >>> 16;
        if (subsys == 0) {
            return new SkbDropSection(null, core.getOrDefault(value, Integer.toString(value)));
        }
        return new SkbDropSection(subsystems.getOrDefault(subsys, Integer.toString(subsys)),
                Integer.toString(value & 0xffff));
    }
}
