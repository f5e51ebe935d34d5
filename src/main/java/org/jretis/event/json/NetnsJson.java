package org.jretis.event.json;

import org.jretis.event.NetnsSection;

/** The {@code netns} section's JSON names: one spelling for every reader and writer. */
public final class NetnsJson {
    public static final String SECTION = "netns";
    static final String COOKIE = "cookie";
    static final String INUM = "inum";
    static final String NAME = "name";

    static final CoreSection<NetnsSection> CODEC = new CoreSection<>(SECTION, e -> e.netns, (e, s) -> e.netns = s,
            EventEncoder::netns, SectionDecoder::netns, PathSectionScanner::netns);

    private NetnsJson() {}
}
