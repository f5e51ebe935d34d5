package org.jretis.collect;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The collectors a collection runs, from {@code -c}: each fills some sections of the events.
 * {@code auto} (the default) starts every collector that can run here and needs no probe of its
 * own; the probe-adding {@code skb-drop} runs only when named, so that {@code retis collect} and
 * {@code -p ifdump} attach exactly the two ifdump tracepoints.
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

    private static final Set<Name> AUTO = EnumSet.of(Name.SKB_TRACKING, Name.SKB, Name.DEV, Name.NS);
    private static final Set<String> ELSEWHERE = Set.of("ovs", "nft", "ct");

    private final Set<Name> enabled;
    private final boolean auto;

    private Collectors(Set<Name> enabled, boolean auto) {
        this.enabled = enabled;
        this.auto = auto;
    }

    public static Collectors parse(List<String> names) throws CollectException {
        Set<Name> enabled = EnumSet.noneOf(Name.class);
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
            if (known == null) {
                if (ELSEWHERE.contains(name)) {
                    throw new CollectException("Cannot run collector " + name + ": not supported by jretis yet");
                }
                throw new CollectException("Unknown collector " + name
                        + " (expected auto, skb-tracking, skb, skb-drop, dev, ns)");
            }
            enabled.add(known);
        }
        if (auto) {
            enabled.addAll(AUTO);
        }
        return new Collectors(enabled, auto);
    }

    public boolean has(Name name) {
        return enabled.contains(name);
    }

    /** Only {@code auto}: the default probes may then be used when none is given. */
    public boolean isDefault() {
        return auto && enabled.equals(AUTO);
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
        return mask;
    }

    /** Names of the enabled collectors, for the log. */
    public String describe() {
        return String.join(", ", enabled.stream().map(n -> n.cliName).toList());
    }
}
