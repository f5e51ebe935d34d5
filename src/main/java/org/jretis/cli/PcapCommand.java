package org.jretis.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jretis.event.Event;
import org.jretis.event.json.EventFileReader;
import org.jretis.log.Log;
import org.jretis.log.Progress;
import org.jretis.probe.InvalidProbeException;
import org.jretis.probe.ProbeSpec;
import org.jretis.sink.OutputFiles;
import org.jretis.sink.PcapSink;
import org.jretis.sink.pcapng.PcapngProbe;
import org.jretis.sink.pcapng.PcapngWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retis pcap}: stored packets as pcap-ng, for Wireshark, tshark and tcpdump. */
@Command(name = "pcap", mixinStandardHelpOptions = true,
        description = "Write the packets of stored events as pcap-ng.")
public final class PcapCommand implements Callable<Integer> {

    @Mixin
    PacketFilterOption filter;

    @Mixin
    Inputs inputs;

    @Option(names = {"-o", "--out"}, paramLabel = "<FILE>", description = "Output file ('-' or /dev/stdout: standard output, the default).")
    Path out = Path.of("-");

    @Option(names = {"-p", "--probe"}, paramLabel = "<[TYPE:]TARGET>",
            description = "Only the packets of this probe, e.g. tp:net:netif_receive_skb.")
    String probe;

    @Override
    public Integer call() throws IOException {
        filter.compile();
        InputLineJson json = new InputLineJson();
        PcapngWriter writer = new PcapngWriter(
                () -> OutputFiles.create(out),
                PcapSink.comments(), json);
        if (probe != null) {
            writer.onlyProbe(probeFilter(probe));
        }
        try (EventFileReader reader = inputs.open();
             Progress progress = Inputs.progress(reader, OutputFiles.isStdout(out))) {
            json.reader = reader;
            reader.readAhead(true);
            for (Event event; (event = reader.nextEvent()) != null; ) {
                if (filter.accepts(event)) {
                    writer.write(event);
                }
            }
        } finally {
            writer.close();
        }
        if (probe != null && !writer.probeSeen()) {
            throw new UserException("Probe not found in the events");
        }
        if (writer.skippedWithoutPacket() > 0) {
            Log.warn(writer.skippedWithoutPacket() + " event(s) were skipped because of missing raw packet");
        }
        Log.info(writer.packetsWritten() + " event(s) were processed");
        return inputs.status();
    }

    /**
     * The JSON option of a packet: the input line minus its packet when the reader has it in the
     * form encoding would give (most lines of files this tool or Retis wrote), else encoded.
     */
    private static final class InputLineJson implements Function<Event, byte[]> {
        EventFileReader reader;

        @Override
        public byte[] apply(Event withoutPacket) {
            byte[] line = reader == null ? null : reader.canonicalJsonWithoutPacket(withoutPacket);
            return line != null ? line : PcapSink.json(withoutPacket);
        }
    }

    private static PcapngProbe probeFilter(String text) {
        try {
            ProbeSpec spec = ProbeSpec.parse(text);
            if (spec.hasWildcard()) {
                throw new UserException("Invalid probe " + text + ": wildcards are not supported here");
            }
            return new PcapngProbe(spec.type().jsonName(), spec.target());
        } catch (InvalidProbeException e) {
            throw new UserException(e.getMessage());
        }
    }
}
