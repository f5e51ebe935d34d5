package org.jretis.text;

import org.jretis.event.StartupSection;

/** The {@code startup} section, one fact a line: Retis version, machine, file id, command line. */
final class StartupText {

    private StartupText() {}

    static void append(StartupSection startup, Lines lines) {
        lines.open(2).append("collected with Retis ").append(startup.retisVersion());
        StartupSection.Machine machine = startup.machine();
        if (machine != null) {
            lines.open(2).append("on machine ").append(machine.kernelRelease()).append(' ')
                    .append(machine.kernelVersion()).append(' ').append(machine.hardwareName());
        }
        if (startup.splitFile() != null) {
            lines.open(2).append("file id ").append(startup.splitFile().id());
        }
        if (startup.cmdline() != null) {
            lines.open(2).append("cmdline ").append(startup.cmdline());
        }
    }
}
