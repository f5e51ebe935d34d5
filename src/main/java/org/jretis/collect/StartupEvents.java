package org.jretis.collect;

import java.time.Instant;
import org.jretis.bpf.BpfException;
import org.jretis.bpf.Libc;
import org.jretis.BuildInfo;
import org.jretis.event.json.EventWriter;
import org.jretis.event.CommonSection;
import org.jretis.event.Event;
import org.jretis.event.StartupSection;

/**
 * The startup event heading every events file: when the collection started (CLOCK_MONOTONIC,
 * the probes' clock), how to turn that clock into wall time, what ran and where.
 */
final class StartupEvents {
    private final long monotonic;
    private final StartupSection.ClockOffset offset;
    private final StartupSection.Machine machine;
    private final String cmdline;
    private final long rotateLimit;
    private final Long initNetns;

    private StartupEvents(long monotonic, StartupSection.ClockOffset offset, StartupSection.Machine machine,
                          String cmdline, long rotateLimit, Long initNetns) {
        this.monotonic = monotonic;
        this.offset = offset;
        this.machine = machine;
        this.cmdline = cmdline;
        this.rotateLimit = rotateLimit;
        this.initNetns = initNetns;
    }

    /**
     * @param rotateLimit the size limit of rotated files, or 0 when the output is not rotated
     * @param initNetns   the initial network namespace's inode number, null if unknown
     */
    static StartupEvents now(String cmdline, long rotateLimit, Long initNetns) {
        // HotSpot's nanoTime is CLOCK_MONOTONIC on Linux, the clock of bpf_ktime_get_ns.
        long mono = System.nanoTime();
        Instant wall = Instant.now();
        long offsetNs = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - mono;
        return new StartupEvents(mono,
                new StartupSection.ClockOffset(Math.floorDiv(offsetNs, 1_000_000_000L), Math.floorMod(offsetNs, 1_000_000_000L)),
                machine(), cmdline, rotateLimit, initNetns);
    }

    StartupSection.ClockOffset offset() {
        return offset;
    }

    /** The startup event of file {@code index} of the output. */
    Event forFile(int index) {
        Event event = new Event();
        event.common = new CommonSection(monotonic, null, null);
        event.startup = new StartupSection(EventWriter.retisVersion(BuildInfo.VERSION), cmdline, offset, machine,
                rotateLimit > 0 ? new StartupSection.SplitFile(index, rotateLimit) : null, initNetns);
        return event;
    }

    private static StartupSection.Machine machine() {
        try {
            Libc.Uname uname = Libc.uname();
            return new StartupSection.Machine(uname.release(), uname.version(), uname.machine());
        } catch (BpfException e) {
            return new StartupSection.Machine("unknown", "unknown", "unknown");
        }
    }
}
