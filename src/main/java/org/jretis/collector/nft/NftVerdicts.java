package org.jretis.collector.nft;

import java.util.List;
import java.util.Map;

/** nftables verdicts: their names in Retis' section, and the {@code --nft-verdicts} selection. */
final class NftVerdicts {
    /** Names by nf_tables code, NFT_RETURN (-5) to NF_STOP (5). */
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(-5, "return"), Map.entry(-4, "goto"),
            Map.entry(-3, "jump"), Map.entry(-2, "break"), Map.entry(-1, "continue"), Map.entry(0, "drop"),
            Map.entry(1, "accept"), Map.entry(2, "stolen"), Map.entry(3, "queue"), Map.entry(4, "repeat"),
            Map.entry(5, "stop"));
    /** Mask of NF_* verdicts: NF_QUEUE carries its queue number above it. */
    private static final int NF_VERDICT_MASK = 0xff;

    private final List<String> selected;

    /** @param selected {@code --nft-verdicts} values; "all" selects every verdict */
    NftVerdicts(List<String> selected) {
        this.selected = selected.contains("all") ? List.copyOf(NAMES.values()) : List.copyOf(selected);
    }

    static String name(int code) {
        return NAMES.getOrDefault(code >= 0 ? code & NF_VERDICT_MASK : code, "unknown");
    }

    boolean selects(String verdict) {
        return selected.contains(verdict);
    }
}
