package org.jretis.event.json;

import org.jretis.event.UserspaceSection;

/** The {@code userspace} section's JSON names: one spelling for every reader and writer. */
public final class UserspaceJson {
    public static final String SECTION = "userspace";
    static final String PROBE_TYPE = "probe_type";
    static final String SYMBOL = "symbol";
    static final String IP = "ip";
    static final String PATH = "path";
    static final String PID = "pid";
    static final String TID = "tid";

    /** Rare: not scanned, its lines are left to the general decoder. */
    static final CoreSection<UserspaceSection> CODEC = new CoreSection<>(SECTION, e -> e.userspace,
            (e, s) -> e.userspace = s, EventEncoder::userspace, SectionDecoder::userspace, null);

    private UserspaceJson() {}
}
