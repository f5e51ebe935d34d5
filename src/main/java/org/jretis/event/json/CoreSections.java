package org.jretis.event.json;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of the typed sections of {@link org.jretis.event.Event}: the one list the codec,
 * the scanner and the readers iterate. A section's names and codec are in its own class
 * ({@link CommonJson}, ...).
 */
public final class CoreSections {
    /** In Retis' order (events.rs); {@code startup} is last, after the other sections. */
    public static final List<CoreSection<?>> ALL = List.of(CommonJson.CODEC, KernelJson.CODEC, UserspaceJson.CODEC,
            TrackingJson.CODEC, SkbTrackingJson.CODEC, SkbDropJson.CODEC, PacketJson.CODEC, SkbJson.CODEC,
            NetnsJson.CODEC, DevJson.CODEC, StartupJson.CODEC);

    private static final Map<String, CoreSection<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(CoreSection::name, Function.identity()));

    private CoreSections() {}

    /** The typed section named {@code name}, or null. */
    static CoreSection<?> byName(String name) {
        return BY_NAME.get(name);
    }
}
