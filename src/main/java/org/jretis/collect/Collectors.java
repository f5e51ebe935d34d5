package org.jretis.collect;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jretis.collector.Unit;
import org.jretis.collector.Units;
import org.jretis.log.Log;
import org.jretis.probe.ArgType;

/**
 * The collectors a collection runs, from {@code -c}: each fills some sections of the events.
 * {@code auto} (the default) starts every collector that can run here, but {@code skb-drop}
 * adds its probe ({@code tp:skb:kfree_skb}) only when named, so that {@code retis collect} and
 * {@code -p ifdump} attach exactly the two ifdump tracepoints; under {@code auto} it still reads
 * the drop reason of the probes that carry one. Collector units ({@link Units}) join {@code auto}
 * where they can run; named, they must.
 */
public final class Collectors {

    /** A collector this project implements. */
    public enum Name {
        SKB_TRACKING("skb-tracking"), SKB("skb"), SKB_DROP("skb-drop"), DEV("dev"), NS("ns");

        final String cliName;

        Name(String cliName) {
            this.cliName = cliName;
        }
    }

    private static final Set<Name> AUTO = EnumSet.of(Name.SKB_TRACKING, Name.SKB, Name.SKB_DROP, Name.DEV, Name.NS);
    private static final Set<String> ELSEWHERE = Set.of("ovs");

    private final Set<Name> enabled;
    private final List<Unit> units;
    private final boolean auto;
    private final boolean dropProbe;
    private final boolean unitNamed;

    private Collectors(Set<Name> enabled, List<Unit> units, boolean auto, boolean dropProbe, boolean unitNamed) {
        this.enabled = enabled;
        this.units = units;
        this.auto = auto;
        this.dropProbe = dropProbe;
        this.unitNamed = unitNamed;
    }

    public static Collectors parse(List<String> names) throws CollectException {
        Set<Name> enabled = EnumSet.noneOf(Name.class);
        Set<Unit> named = new HashSet<>();
        boolean auto = names.isEmpty();
        for (String raw : names) {
            String name = raw.strip();
            if (name.equals("auto")) {
                auto = true;
                continue;
            }
            Name known = null;
            for (Name n : Name.values()) {
                if (n.cliName.equals(name)) {
                    known = n;
                }
            }
            Unit unit = Units.byCollector(name);
            if (unit != null) {
                String why = unit.cannotRun();
                if (why != null) {
                    throw new CollectException("Cannot run collector " + name + ": " + why);
                }
                named.add(unit);
                continue;
            }
            if (known == null) {
                if (ELSEWHERE.contains(name)) {
                    throw new CollectException("Cannot run collector " + name + ": not supported by jretis yet");
                }
                throw new CollectException("Unknown collector " + name
                        + " (expected auto, skb-tracking, skb, skb-drop, dev, ns, "
                        + String.join(", ", Units.ALL.stream().map(Unit::collector).toList()) + ")");
            }
            enabled.add(known);
        }
        boolean dropProbe = enabled.contains(Name.SKB_DROP);
        if (auto) {
            enabled.addAll(AUTO);
        }
        List<Unit> units = new ArrayList<>();
        for (Unit unit : Units.ALL) {
            if (named.contains(unit)) {
                units.add(unit);
            } else if (auto) {
                String why = unit.cannotRun();
                if (why == null && unit.joinsAuto()) {
                    units.add(unit);
                } else {
                    // as Retis' auto; a unit that can run but stays out of auto says so
                    Log.debug("Cannot run collector " + unit.collector() + ": "
                            + (why != null ? why : "it runs only when named on this kernel"));
                }
            }
        }
        for (Unit unit : units) {
            Set<Name> joined = unit.joinedTo();
            if (!enabled.containsAll(joined)) {
                Log.info(unit.collector() + ": adding collectors "
                        + String.join(", ", joined.stream().sorted().map(n -> n.cliName).toList())
                        + " to join its events to their packet's events");
                enabled.addAll(joined);
            }
        }
        return new Collectors(enabled, List.copyOf(units), auto, dropProbe, !named.isEmpty());
    }

    /**
     * Whether a unit's events are joined to the packet's events of the probes ({@link
     * Unit#joinedTo()}): the default probes then run when none is asked for.
     */
    public boolean joinsPacketEvents() {
        return units.stream().anyMatch(u -> !u.joinedTo().isEmpty());
    }

    public boolean has(Name name) {
        return enabled.contains(name);
    }

    /** Only {@code auto}: the default probes may then be used when none is given. */
    public boolean isDefault() {
        return auto && !dropProbe && !unitNamed && enabled.equals(AUTO);
    }

    /** The collector units to run, in {@code Units.ALL} order. */
    public List<Unit> units() {
        return units;
    }

    /** {@code skb-drop} was named: its probe {@code tp:skb:kfree_skb} is added. */
    public boolean addsDropProbe() {
        return dropProbe;
    }

    /** The tracepoint argument types the enabled collectors read (Retis' "known types"). */
    public Set<ArgType> readable() {
        Set<ArgType> types = EnumSet.noneOf(ArgType.class);
        if (has(Name.SKB) || has(Name.SKB_TRACKING)) {
            types.add(ArgType.SKB);
        }
        if (has(Name.DEV)) {
            types.addAll(List.of(ArgType.SKB, ArgType.NET_DEVICE));
        }
        if (has(Name.NS)) {
            types.addAll(List.of(ArgType.SKB, ArgType.NET_DEVICE, ArgType.NET));
        }
        if (has(Name.SKB_DROP)) {
            types.add(ArgType.DROP_REASON);
        }
        if (!units.isEmpty()) {
            types.add(ArgType.SKB); // every unit reads the packet's skb
        }
        return types;
    }

    /** Which sections a probe fills (event.h's SEC_* bits). */
    int sections(SkbSections skb, boolean stack) {
        int mask = 0;
        if (has(Name.SKB)) {
            mask |= BpfConfig.SEC_PACKET | skb.mask();
        }
        if (has(Name.DEV)) {
            mask |= BpfConfig.SEC_DEV;
        }
        if (has(Name.NS)) {
            mask |= BpfConfig.SEC_NETNS;
        }
        if (has(Name.SKB_TRACKING)) {
            mask |= BpfConfig.SEC_TRACK;
        }
        if (stack) {
            mask |= BpfConfig.SEC_STACK;
        }
        for (Unit unit : units) {
            mask |= unit.probeBit();
        }
        return mask;
    }

    /** Names of the enabled collectors, for the log. */
    public String describe() {
        return String.join(", ", Stream.concat(enabled.stream().map(n -> n.cliName),
                units.stream().map(Unit::collector)).toList());
    }
}
