package org.jretis.collector;

import java.util.List;
import org.jretis.collector.ct.Ct;
import org.jretis.collector.nft.Nft;

/** The registry of collector units: the one place a unit is added. */
public final class Units {
    /**
     * Every unit, in Retis' section order (events.rs), which is also the order their record
     * parts follow the packet bytes and their text lines come.
     */
    public static final List<Unit> ALL = List.of(Nft.UNIT, Ct.UNIT);

    private Units() {}

    /** The unit filling section {@code name}, or null. */
    public static Unit bySection(String name) {
        for (Unit unit : ALL) {
            if (unit.section().equals(name)) {
                return unit;
            }
        }
        return null;
    }

    /** The unit named {@code name} on the command line, or null. */
    public static Unit byCollector(String name) {
        for (Unit unit : ALL) {
            if (unit.collector().equals(name)) {
                return unit;
            }
        }
        return null;
    }
}
