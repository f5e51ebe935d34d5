package org.jretis.event.json;

import static org.jretis.event.json.JsonValues.*;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.jretis.event.StartupSection;

/** Reads the {@code startup} section; v1.6 files have only the version and the clock offset. */
final class StartupDecoder {
    private static final String STARTUP = EventJson.STARTUP;

    private StartupDecoder() {}

    static StartupSection startup(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        String version = null;
        String cmdline = null;
        StartupSection.ClockOffset offset = null;
        StartupSection.Machine machine = null;
        StartupSection.SplitFile split = null;
        Long initNetns = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "retis_version" -> version = string(p, "startup.retis_version");
                case "cmdline" -> cmdline = string(p, "startup.cmdline");
                case "clock_monotonic_offset" -> offset = offset(object(p, "startup.clock_monotonic_offset"));
                case "machine" -> machine = machine(object(p, "startup.machine"));
                case "split_file" -> split = splitFile(object(p, "startup.split_file"));
                case "init_netns_inum" -> initNetns = Integer.toUnsignedLong(u32(p, "startup.init_netns_inum"));
                default -> throw new SectionShapeException(STARTUP);
            }
        }
        return new StartupSection(required(version, STARTUP), cmdline, offset, machine, split, initNetns);
    }

    private static StartupSection.ClockOffset offset(JsonParser p)
            throws IOException, MalformedEventException, SectionShapeException {
        Long sec = null;
        Long nsec = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "sec" -> sec = i64(p, "startup.clock_monotonic_offset.sec");
                case "nsec" -> nsec = i64(p, "startup.clock_monotonic_offset.nsec");
                default -> throw new SectionShapeException(STARTUP);
            }
        }
        return new StartupSection.ClockOffset(required(sec, STARTUP), required(nsec, STARTUP));
    }

    private static StartupSection.Machine machine(JsonParser p)
            throws IOException, MalformedEventException, SectionShapeException {
        String release = null;
        String version = null;
        String hardware = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "kernel_release" -> release = string(p, "startup.machine.kernel_release");
                case "kernel_version" -> version = string(p, "startup.machine.kernel_version");
                case "hardware_name" -> hardware = string(p, "startup.machine.hardware_name");
                default -> throw new SectionShapeException(STARTUP);
            }
        }
        return new StartupSection.Machine(required(release, STARTUP), required(version, STARTUP),
                required(hardware, STARTUP));
    }

    /** Only the {@code size} policy exists; another kind keeps the section raw. */
    private static StartupSection.SplitFile splitFile(JsonParser p)
            throws IOException, MalformedEventException, SectionShapeException {
        Integer id = null;
        Long limit = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "id" -> id = u32(p, "startup.split_file.id");
                case "policy" -> limit = sizePolicyLimit(object(p, "startup.split_file.policy"));
                default -> throw new SectionShapeException(STARTUP);
            }
        }
        return new StartupSection.SplitFile(required(id, STARTUP), required(limit, STARTUP));
    }

    private static Long sizePolicyLimit(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        String kind = null;
        Long limit = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "kind" -> kind = string(p, "startup.split_file.policy.kind");
                case "limit" -> limit = u64(p, "startup.split_file.policy.limit");
                default -> throw new SectionShapeException(STARTUP);
            }
        }
        if (!"size".equals(kind)) {
            throw new SectionShapeException(STARTUP);
        }
        return required(limit, STARTUP);
    }
}
