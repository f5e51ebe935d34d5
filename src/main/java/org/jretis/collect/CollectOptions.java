package org.jretis.collect;

import java.nio.file.Path;
import java.util.List;
import org.jretis.text.TextFormat;

/**
 * What {@code retis collect} was asked to do, after profile expansion.
 *
 * @param collectors      {@code -c} values as typed (empty means auto)
 * @param probes          {@code -p} probe strings as typed
 * @param noProfile       true when no profile was applied (the default probes may then be used)
 * @param netns           {@code --netns}: a namespace name (or inode number) to filter on, or null
 * @param out             events file, or null
 * @param outRotate       {@code --out-rotate} limit as typed, or null
 * @param pcap            {@code --pcap} target (a path or "-"), or null
 * @param stopAfter       stop after this many events, or null
 * @param nftVerdicts     {@code --nft-verdicts} values (empty means Retis' default)
 * @param cmdline         the expanded command line, for the startup event
 */
public record CollectOptions(
        List<String> collectors,
        List<String> probes,
        boolean noProfile,
        String packetFilter,
        String metaFilter,
        String netns,
        Path out,
        String outRotate,
        boolean print,
        String pcap,
        boolean stack,
        boolean probeStack,
        List<String> skbSections,
        String cmd,
        Long stopAfter,
        boolean allowSystemChanges,
        TextFormat text,
        List<String> nftVerdicts,
        String cmdline) {}
