package org.jretis.event.json;

import org.jretis.event.StartupSection;

/**
 * Scans the {@code startup} section, the first line of every file, so that reading a file in the
 * current layout needs no Jackson mapper at all (building one costs more than a hundred
 * thousand scanned lines). Split files and negative clock offsets are left to the general decoder.
 */
final class StartupSectionScanner {
    private StartupSectionScanner() {}

    static StartupSection startup(ByteCursor in) throws Unscannable {
        String version = null;
        String cmdline = null;
        StartupSection.ClockOffset offset = null;
        StartupSection.Machine machine = null;
        long initNetns = -1;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, StartupJson.RETIS_VERSION) && version == null) {
                order = in.inOrder(order, 0);
                version = in.text();
            } else if (in.is(f, StartupJson.CMDLINE) && cmdline == null) {
                order = in.inOrder(order, 1);
                cmdline = in.text();
            } else if (in.is(f, StartupJson.CLOCK_OFFSET) && offset == null) {
                order = in.inOrder(order, 2);
                offset = offset(in);
            } else if (in.is(f, StartupJson.MACHINE) && machine == null) {
                order = in.inOrder(order, 3);
                machine = machine(in);
            } else if (in.is(f, StartupJson.INIT_NETNS_INUM) && initNetns == -1) {
                order = in.inOrder(order, 4);
                initNetns = in.unsigned(32);
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (version == null) {
            throw Unscannable.LINE;
        }
        return new StartupSection(version, cmdline, offset, machine, null, initNetns == -1 ? null : initNetns);
    }

    private static StartupSection.ClockOffset offset(ByteCursor in) throws Unscannable {
        long sec = -1;
        long nsec = -1;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, StartupJson.CLOCK_OFFSET_SEC) && sec == -1) {
                order = in.inOrder(order, 0);
                sec = in.unsigned(63);
            } else if (in.is(f, StartupJson.CLOCK_OFFSET_NSEC) && nsec == -1) {
                order = in.inOrder(order, 1);
                nsec = in.unsigned(63);
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (sec == -1 || nsec == -1) {
            throw Unscannable.LINE;
        }
        return new StartupSection.ClockOffset(sec, nsec);
    }

    private static StartupSection.Machine machine(ByteCursor in) throws Unscannable {
        String release = null;
        String version = null;
        String hardware = null;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, StartupJson.MACHINE_KERNEL_RELEASE) && release == null) {
                order = in.inOrder(order, 0);
                release = in.text();
            } else if (in.is(f, StartupJson.MACHINE_KERNEL_VERSION) && version == null) {
                order = in.inOrder(order, 1);
                version = in.text();
            } else if (in.is(f, StartupJson.MACHINE_HARDWARE_NAME) && hardware == null) {
                order = in.inOrder(order, 2);
                hardware = in.text();
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (release == null || version == null || hardware == null) {
            throw Unscannable.LINE;
        }
        return new StartupSection.Machine(release, version, hardware);
    }
}
