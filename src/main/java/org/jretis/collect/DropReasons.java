package org.jretis.collect;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.jretis.event.SkbDropSection;
import org.jretis.log.Log;

/**
 * Names of the kernel's drop reasons. A reason's upper 16 bits name its subsystem ({@code enum
 * skb_drop_reason_subsys}): 0 is the core ({@code enum skb_drop_reason}, names without their
 * {@code SKB_DROP_REASON_} prefix); the others name their reasons in an enum of their own, often
 * in a module's BTF ({@code ovs_drop_reason} in openvswitch), looked up by the reason's full value
 * and named as declared, as Retis' skb-drop collector does. A subsystem's names are read when its
 * first reason is seen, so start-up reads no module BTF.
 */
final class DropReasons {
    private static final String SUBSYS_PREFIX = "SKB_DROP_REASON_SUBSYS_";
    /** Subsystem → the enum naming its reasons, and the module that holds it when not built in. */
    private static final Map<String, ReasonEnum> SUBSYSTEM_ENUMS = Map.of(
            "mac80211_unusable", new ReasonEnum("mac80211_drop_reason", "mac80211"),
            "mac80211_monitor", new ReasonEnum("mac80211_drop_reason", "mac80211"),
            "openvswitch", new ReasonEnum("ovs_drop_reason", "openvswitch"),
            "qdisc", new ReasonEnum("qdisc_drop_reason", ""));

    private record ReasonEnum(String name, String module) {}

    private final Map<Integer, String> core;
    private final Map<Integer, String> subsystems;
    private final Function<String, Map<Integer, String>> subsystemReasons;
    private final Map<Integer, Map<Integer, String>> namesBySubsystem = new HashMap<>();

    /** Subsystems' reasons stay numbers. */
    DropReasons(Map<Integer, String> core, Map<Integer, String> subsystems) {
        this(core, subsystems, subsystem -> Map.of());
    }

    /**
     * @param core             reason value → name without the SKB_DROP_REASON_ prefix
     * @param subsystems       subsystem id → lowercase name
     * @param subsystemReasons subsystem name → its reasons (full value → name), asked once per subsystem
     */
    DropReasons(Map<Integer, String> core, Map<Integer, String> subsystems,
                Function<String, Map<Integer, String>> subsystemReasons) {
        this.core = core;
        this.subsystems = subsystems;
        this.subsystemReasons = subsystemReasons;
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
            btf.enumValues("skb_drop_reason_subsys").forEach((v, name) -> {
                if (name.startsWith(SUBSYS_PREFIX) && !name.equals(SUBSYS_PREFIX + "NUM")) {
                    subsystems.put(v.intValue(), name.substring(SUBSYS_PREFIX.length()).toLowerCase(Locale.ROOT));
                }
            });
        } catch (BtfException e) {
            Log.debug("no drop reason subsystems in BTF");
        }
        return new DropReasons(core, subsystems, subsystem -> subsystemReasons(btf, subsystem));
    }

    /** A subsystem's reasons, from vmlinux' BTF or the module's that usually holds them. */
    private static Map<Integer, String> subsystemReasons(Btf btf, String subsystem) {
        ReasonEnum reasonEnum = SUBSYSTEM_ENUMS.get(subsystem);
        if (reasonEnum == null) {
            Log.warn("Unknown drop reason subsystem (" + subsystem + ")");
            return Map.of();
        }
        List<Supplier<Optional<Btf>>> places = List.of(() -> Optional.of(btf), () -> btf.module(reasonEnum.module()));
        for (Supplier<Optional<Btf>> place : places) {
            Optional<Btf> in = place.get();
            try {
                if (in.isPresent()) {
                    Map<Integer, String> names = new HashMap<>();
                    in.get().enumValues(reasonEnum.name()).forEach((v, name) -> names.putIfAbsent(v.intValue(), name));
                    return names;
                }
            } catch (BtfException e) {
                Log.debug(e.getMessage());
            }
        }
        Log.debug(subsystem + " drop reasons stay numbers: no enum " + reasonEnum.name() + " in BTF");
        return Map.of();
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
        String name = subsystems.get(subsys);
        if (name == null) {
            return new SkbDropSection(Integer.toString(subsys), Integer.toUnsignedString(value));
        }
        String reason = namesBySubsystem.computeIfAbsent(subsys, id -> subsystemReasons.apply(name)).get(value);
        return new SkbDropSection(name, reason != null ? reason : Integer.toUnsignedString(value));
    }
}
