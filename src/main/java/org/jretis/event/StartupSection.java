package org.jretis.event;

/**
 * {@code startup}: first event of every events file.
 *
 * @param cmdline   null in v1.6 files
 * @param offset    CLOCK_REALTIME - CLOCK_MONOTONIC at start, or null
 * @param machine   null in v1.6 files
 * @param splitFile null unless the file is one of a rotated set
 * @param initNetnsInum the inode number of the recording kernel's initial network namespace
 *                  ({@code init_netns_inum}, written by this project only), or null
 */
public record StartupSection(String retisVersion, String cmdline, ClockOffset offset, Machine machine,
                             SplitFile splitFile, Long initNetnsInum) {

    public StartupSection(String retisVersion, String cmdline, ClockOffset offset, Machine machine,
                          SplitFile splitFile) {
        this(retisVersion, cmdline, offset, machine, splitFile, null);
    }

    public record ClockOffset(long sec, long nsec) {
        public long toNanos() {
            return sec * 1_000_000_000L + nsec;
        }
    }

    public record Machine(String kernelRelease, String kernelVersion, String hardwareName) {}

    public record SplitFile(int id, long limit) {}
}
