package org.jretis.event.json;

import org.jretis.event.StartupSection;

/** The {@code startup} section's JSON names: one spelling for every reader and writer. */
public final class StartupJson {
    public static final String SECTION = "startup";
    static final String RETIS_VERSION = "retis_version";
    static final String CMDLINE = "cmdline";
    static final String CLOCK_OFFSET = "clock_monotonic_offset";
    static final String CLOCK_OFFSET_SEC = "sec";
    static final String CLOCK_OFFSET_NSEC = "nsec";
    static final String MACHINE = "machine";
    static final String MACHINE_KERNEL_RELEASE = "kernel_release";
    static final String MACHINE_KERNEL_VERSION = "kernel_version";
    static final String MACHINE_HARDWARE_NAME = "hardware_name";
    static final String SPLIT_FILE = "split_file";
    static final String SPLIT_FILE_ID = "id";
    static final String SPLIT_FILE_POLICY = "policy";
    static final String POLICY_KIND = "kind";
    /** The one {@link #POLICY_KIND} there is. */
    static final String POLICY_KIND_SIZE = "size";
    static final String POLICY_LIMIT = "limit";
    static final String INIT_NETNS_INUM = "init_netns_inum";

    static final CoreSection<StartupSection> CODEC = new CoreSection<>(SECTION, e -> e.startup,
            (e, s) -> e.startup = s, EventEncoder::startup, StartupDecoder::startup, StartupSectionScanner::startup);

    private StartupJson() {}
}
