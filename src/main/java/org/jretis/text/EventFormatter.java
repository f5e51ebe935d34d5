package org.jretis.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;
import org.jretis.collector.Unit;
import org.jretis.collector.Units;
import org.jretis.event.CommonSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.StartupSection;
import org.jretis.event.json.OvsJson;
import org.jretis.packet.Hex;
import org.jretis.packet.PacketDissector;

/**
 * Renders events as Retis prints them, in the layout of the project's Decision 2: a headline (time,
 * CPU, task, probe, tracking id, drop reason), the stack, a line joining namespace, device and
 * packet, then one line per further section (skb, ovs, ovs-detrace, nft, ct, startup). Appends to
 * the caller's builder without a trailing newline; the caller separates events.
 */
public final class EventFormatter {
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** Retis' {@code --format}. */
    public enum Format {
        MULTI_LINE, SINGLE_LINE;

        /** The format named as on Retis' command line: {@code multi-line} or {@code single-line}. */
        public static Format parse(String name) {
            return switch (name) {
                case "multi-line" -> MULTI_LINE;
                case "single-line" -> SINGLE_LINE;
                default -> throw new IllegalArgumentException(
                        "Invalid format '" + name + "': expected multi-line or single-line");
            };
        }
    }

    private final boolean multiLine;
    private final boolean utc;
    private final boolean linkLayer;
    private Long clockOffset;
    private Long initialNetns;

    /**
     * @param utc       print wall-clock UTC times ({@code --utc}) once the clock offset is known,
     *                  raw monotonic nanoseconds until then
     * @param linkLayer print the link layer ({@code -e})
     */
    public EventFormatter(Format format, boolean utc, boolean linkLayer) {
        this.multiLine = format == Format.MULTI_LINE;
        this.utc = utc;
        this.linkLayer = linkLayer;
    }

    /**
     * Sets the offset from CLOCK_MONOTONIC to CLOCK_REALTIME used with {@code --utc}, for callers
     * that do not format the startup event; formatting a startup event also sets it.
     */
    public void useClockOffset(StartupSection.ClockOffset offset) {
        clockOffset = offset.toNanos();
    }

    /**
     * Sets the initial network namespace's inode number (events there print no {@code ns} token),
     * for callers that do not format the startup event; formatting one that records it also sets
     * it. Until then the namespace is told by its usual numbers ({@link NetnsSection#usualInitialInum}).
     */
    public void useInitialNetns(long inum) {
        initialNetns = inum;
    }

    /**
     * Appends the event's text.
     *
     * @return whether anything was appended (an event with nothing to display prints nothing)
     */
    public boolean format(Event event, StringBuilder out) {
        return format(event, null, out);
    }

    /**
     * Appends the text of an event of a series: {@code sincePrevious} (nanoseconds since the
     * previous event of the series, or null) follows its time, e.g. {@code +12.345µs}.
     */
    public boolean format(Event event, Long sincePrevious, StringBuilder out) {
        if (event.startup != null && event.startup.offset() != null) {
            useClockOffset(event.startup.offset());
        }
        if (event.startup != null && event.startup.initNetnsInum() != null) {
            useInitialNetns(event.startup.initNetnsInum());
        }
        Lines lines = new Lines(out, multiLine);
        lines.open(0);
        appendHeadline(event, sincePrevious, lines);
        lines.close();
        if (event.kernel != null) {
            appendStack(event.kernel.stackTrace(), lines);
        }
        lines.open(2);
        appendLocation(event, lines);
        lines.close();
        lines.open(2);
        SkbText.append(event.skb, linkLayer, lines);
        lines.close();
        section(event.others.get(OvsJson.SECTION), lines, OvsText::append);
        section(event.others.get(OvsJson.DETRACE_SECTION), lines, OvsText::appendDetrace);
        for (Unit unit : Units.ALL) {
            section(event.others.get(unit.section()), lines, unit::appendText);
        }
        if (event.startup != null) {
            StartupText.append(event.startup, lines);
        }
        return lines.wroteAnything();
    }

    private void appendHeadline(Event event, Long sincePrevious, Lines lines) {
        CommonSection common = event.common;
        if (common != null) {
            StringBuilder out = lines.token();
            appendTime(common.timestamp(), out);
            if (sincePrevious != null) {
                Durations.appendDelta(sincePrevious, out.append(' '));
            }
            if (common.smpId() != null) {
                out.append(" (").append(common.smpId()).append(')');
            }
            CommonSection.Task task = common.task();
            if (task != null) {
                out.append(" [").append(task.comm()).append("] ");
                if (task.pid() != task.tgid()) {
                    out.append(task.pid()).append('/');
                }
                out.append(task.tgid());
            }
        }
        if (event.kernel != null) {
            lines.token().append('[').append(probeTag(event.kernel)).append("] ").append(event.kernel.symbol());
        }
        if (event.userspace != null) {
            String path = event.userspace.path();
            lines.token().append("[u] ").append(event.userspace.symbol())
                    .append(" (").append(path.substring(path.lastIndexOf('/') + 1)).append(')');
        }
        if (event.tracking != null) {
            appendTracking(event.tracking.skb(), lines);
            lines.token().append("n ").append(event.tracking.idx());
        } else if (event.skbTracking != null) {
            appendTracking(event.skbTracking, lines);
        }
        if (event.skbDrop != null) {
            StringBuilder out = lines.token().append("drop (reason ");
            if (event.skbDrop.subsys() != null) {
                out.append(event.skbDrop.subsys()).append('/');
            }
            out.append(event.skbDrop.dropReason()).append(')');
        }
    }

    private void appendTime(long monotonic, StringBuilder out) {
        if (utc && clockOffset != null) {
            UTC_TIME.formatTo(Instant.ofEpochSecond(0, monotonic + clockOffset), out);
        } else {
            if (monotonic >= 0) {
                out.append(monotonic); // digits written in place; the unsigned spelling needs a string
            } else {
                out.append(Long.toUnsignedString(monotonic));
            }
        }
    }

    private static String probeTag(KernelSection kernel) {
        return switch (kernel.probeType()) {
            case "raw_tracepoint" -> "tp";
            case "kprobe" -> "k";
            case "kretprobe" -> "kr";
            default -> "invalid";
        };
    }

    private static void appendTracking(SkbTrackingSection tracking, Lines lines) {
        StringBuilder out = tracking.appendIdHex(lines.token().append('#')).append(" (skb ");
        Hex.append(out, tracking.skb(), 1).append(')');
    }

    /** One frame a line in multi-line format; {@code [a, b, c]} in single-line format. */
    private static void appendStack(List<String> frames, Lines lines) {
        if (frames == null || frames.isEmpty()) {
            return;
        }
        if (lines.multiLine()) {
            for (String frame : frames) {
                lines.open(4).append(frame);
            }
        } else {
            lines.open(0).append('[').append(String.join(", ", frames)).append(']');
        }
    }

    /** {@code [ns 0x<cookie>/<inum>[ (<name>)] ]if <ifindex> (<name>)[ rxif <n>] <packet>}; ns only off the host. */
    private void appendLocation(Event event, Lines lines) {
        NetnsSection netns = event.netns;
        if (netns != null && !netns.isInitial(initialNetns)) {
            StringBuilder out = lines.token().append("ns ");
            if (netns.cookie() != null) {
                Hex.appendPrefixed(out, netns.cookie()).append('/');
            }
            out.append(netns.inum());
            if (netns.name() != null) {
                out.append(" (").append(netns.name()).append(')');
            }
        }
        if (event.dev != null) {
            StringBuilder out = lines.token().append("if ").append(event.dev.ifindex());
            if (event.dev.name() != null && !event.dev.name().isEmpty()) {
                out.append(" (").append(event.dev.name()).append(')');
            }
            if (event.dev.rxIfindex() != null) {
                out.append(" rxif ").append(event.dev.rxIfindex());
            }
        }
        if (event.packet != null) {
            PacketDissector.append(lines.token(), event.packet.data(), event.packet.captureLen(), linkLayer);
        }
    }

    /** A section kept as raw JSON, on its own line. */
    private static void section(JsonNode node, Lines lines, BiConsumer<JsonNode, Lines> writer) {
        if (node != null) {
            lines.open(2);
            writer.accept(node, lines);
            lines.close();
        }
    }
}
