package org.jretis.event.json;

import static org.jretis.event.json.JsonValues.*;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.jretis.event.StartupSection;

/** Reads the {@code startup} section; v1.6 files have only the version and the clock offset. */
final class StartupDecoder {
    private static final String STARTUP = StartupJson.SECTION;

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
                case StartupJson.RETIS_VERSION -> version = string(p, STARTUP + "." + StartupJson.RETIS_VERSION);
                case StartupJson.CMDLINE -> cmdline = string(p, STARTUP + "." + StartupJson.CMDLINE);
                case StartupJson.CLOCK_OFFSET -> offset = offset(object(p, STARTUP + "." + StartupJson.CLOCK_OFFSET));
                case StartupJson.MACHINE -> machine = machine(object(p, STARTUP + "." + StartupJson.MACHINE));
                case StartupJson.SPLIT_FILE -> split = splitFile(object(p, STARTUP + "." + StartupJson.SPLIT_FILE));
                case StartupJson.INIT_NETNS_INUM -> initNetns = Integer.toUnsignedLong(u32(p, STARTUP + "." + StartupJson.INIT_NETNS_INUM));
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
                case StartupJson.CLOCK_OFFSET_SEC -> sec = i64(p, STARTUP + "." + StartupJson.CLOCK_OFFSET + "." + StartupJson.CLOCK_OFFSET_SEC);
                case StartupJson.CLOCK_OFFSET_NSEC -> nsec = i64(p, STARTUP + "." + StartupJson.CLOCK_OFFSET + "." + StartupJson.CLOCK_OFFSET_NSEC);
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
                case StartupJson.MACHINE_KERNEL_RELEASE -> release = string(p, STARTUP + "." + StartupJson.MACHINE + "." + StartupJson.MACHINE_KERNEL_RELEASE);
                case StartupJson.MACHINE_KERNEL_VERSION -> version = string(p, STARTUP + "." + StartupJson.MACHINE + "." + StartupJson.MACHINE_KERNEL_VERSION);
                case StartupJson.MACHINE_HARDWARE_NAME -> hardware = string(p, STARTUP + "." + StartupJson.MACHINE + "." + StartupJson.MACHINE_HARDWARE_NAME);
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
                case StartupJson.SPLIT_FILE_ID -> id = u32(p, STARTUP + "." + StartupJson.SPLIT_FILE + "." + StartupJson.SPLIT_FILE_ID);
                case StartupJson.SPLIT_FILE_POLICY -> limit = sizePolicyLimit(object(p, STARTUP + "." + StartupJson.SPLIT_FILE + "." + StartupJson.SPLIT_FILE_POLICY));
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
                case StartupJson.POLICY_KIND -> kind = string(p, STARTUP + "." + StartupJson.SPLIT_FILE + "." + StartupJson.SPLIT_FILE_POLICY + "." + StartupJson.POLICY_KIND);
                case StartupJson.POLICY_LIMIT -> limit = u64(p, STARTUP + "." + StartupJson.SPLIT_FILE + "." + StartupJson.SPLIT_FILE_POLICY + "." + StartupJson.POLICY_LIMIT);
                default -> throw new SectionShapeException(STARTUP);
            }
        }
        if (!StartupJson.POLICY_KIND_SIZE.equals(kind)) {
            throw new SectionShapeException(STARTUP);
        }
        return required(limit, STARTUP);
    }
}
