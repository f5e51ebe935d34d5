package org.jretis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jretis.collect.CollectOptions;
import org.jretis.collect.Collection;
import org.jretis.collector.nft.Verdicts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code retis collect}: attach probes and capture events live. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Collect network events: attach probes and print or store what they see.")
public final class CollectCommand implements Callable<Integer> {

    @ParentCommand
    RetisCommand retis;

    @Mixin
    TextOptions text;

    @Option(names = {"-c", "--collectors"}, split = ",", paramLabel = "<COLLECTORS>",
            description = "Collectors: auto, skb-tracking, skb, skb-drop, dev, ns, ct, nft, ovs (default: auto).")
    List<String> collectors = new ArrayList<>();

    @Option(names = {"-p", "--probe"}, paramLabel = "<[TYPE:]TARGET[/OPTS]>",
            description = "Probe to attach, e.g. tp:net:netif_receive_skb (repeatable).")
    List<String> probes = new ArrayList<>();

    @Option(names = {"-f", "--filter-packet"}, paramLabel = "<FILTER>",
            description = "pcap-filter(7) expression applied in the kernel.")
    String packetFilter;

    @Option(names = {"-m", "--filter-meta"}, paramLabel = "<FILTER>",
            description = "Meta filter on sk_buff fields, e.g. \"sk_buff.dev.name == 'eth0'\".")
    String metaFilter;

    @Option(names = "--netns", paramLabel = "<NAME>",
            description = "Only packets whose device is in this network namespace: an 'ip netns' name,"
                    + " the command of a process living in it, or an inode number (joined to -m with 'and').")
    String netns;

    @Option(names = {"-o", "--out"}, arity = "0..1", fallbackValue = "retis.data", paramLabel = "<FILE>",
            description = "Write events as JSON lines to FILE (default retis.data; '-' or /dev/stdout: standard output) instead of printing them.")
    Path out;

    @Option(names = "--out-rotate", paramLabel = "<LIMIT>",
            description = "Rotate the output file when it would exceed LIMIT (<N>MB or <N>GB).")
    String outRotate;

    @Option(names = "--print", description = "Also print events when writing them to a file.")
    boolean print;

    @Option(names = "--pcap", paramLabel = "<FILE|->",
            description = "Also write packets live as pcap-ng to FILE, or to stdout with '-'.")
    String pcap;

    @Option(names = "--stack", description = "Add the kernel stack trace to every event.")
    boolean stack;

    @Option(names = "--probe-stack", description = "Add kprobes on the functions of the events' stack traces (needs kprobes and -f or -m).")
    boolean probeStack;

    @Option(names = "--skb-sections", split = ",", paramLabel = "<SECTIONS>",
            description = "skb sections to collect: all, eth, meta, dataref, gso, vlan.")
    List<String> skbSections = new ArrayList<>();

    @Option(names = "--cmd", paramLabel = "<CMD>",
            description = "Run CMD with sh -c and stop collecting when it exits.")
    String cmd;

    @Option(names = "--stop-after", paramLabel = "<COUNT>",
            description = "Stop after COUNT events.")
    Long stopAfter;

    @Option(names = "--allow-system-changes",
            description = "Allow changes to the system, such as mounting tracefs when it is absent.")
    boolean allowSystemChanges;

    @Spec
    CommandSpec spec;

    private List<String> nftVerdicts = List.of();

    /** Retis' verdicts. */
    @Option(names = "--nft-verdicts", split = ",", paramLabel = "<VERDICTS>",
            description = "nft collector: verdicts to report, from all, continue, break, jump, goto, return,"
                    + " drop, accept, stolen, queue, repeat (default: drop,accept).")
    void nftVerdicts(List<String> verdicts) {
        for (String verdict : verdicts) {
            if (!Verdicts.OPTION_VALUES.contains(verdict)) {
                throw new ParameterException(spec.commandLine(), "Invalid value '" + verdict + "' for '--nft-verdicts'");
            }
        }
        nftVerdicts = List.copyOf(verdicts);
    }

    @Option(names = "--kconf", paramLabel = "<PATH>", description = "Kernel configuration file.")
    Path kconf;

    @Override
    public Integer call() throws Exception {
        CollectOptions options = new CollectOptions(
                List.copyOf(collectors), List.copyOf(probes), retis.profiles.isEmpty(),
                packetFilter, metaFilter, netns, out, outRotate, print, pcap, stack, probeStack,
                List.copyOf(skbSections), cmd, stopAfter, allowSystemChanges,
                text.format(), nftVerdicts, retis.cmdline());
        return new Collection(options).run();
    }
}
