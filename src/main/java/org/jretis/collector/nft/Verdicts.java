package org.jretis.collector.nft;

import java.util.List;

/**
 * nftables verdict codes (uapi: NF_* of netfilter.h, NFT_* of nf_tables.h) by Retis' names,
 * and the mask of {@code --nft-verdicts} (nft.h's nft_verdicts: bit code + 5).
 */
public final class Verdicts {
    /** Names by code + BIAS, from NFT_RETURN (-5) to NF_STOP (5, deprecated: never asked for). */
    private static final List<String> BY_CODE = List.of("return", "goto", "jump", "break", "continue",
            "drop", "accept", "stolen", "queue", "repeat", "stop");
    private static final int BIAS = 5;
    /** Mask of NF_* verdicts: NF_QUEUE carries its queue number above it (netlink traces). */
    private static final int NF_VERDICT_MASK = 0xff;
    /** The names {@code --nft-verdicts} takes, as Retis lists them. */
    public static final List<String> OPTION_VALUES = List.of("all", "continue", "break", "jump", "goto", "return",
            "drop", "accept", "stolen", "queue", "repeat");
    private static final List<String> DEFAULT = List.of("drop", "accept");

    private Verdicts() {}

    /** Retis' name of a verdict code. */
    static String name(int code) {
        int at = (code >= 0 ? code & NF_VERDICT_MASK : code) + BIAS;
        return at >= 0 && at < BY_CODE.size() ? BY_CODE.get(at) : "unknown";
    }

    /** The probe's mask for these names ({@code all}: every verdict); the default when empty. */
    /** Whether {@code mask} (of {@link #mask}) selects the verdict named {@code name}. */
    static boolean selects(long mask, String name) {
        int bit = BY_CODE.indexOf(name);
        return bit >= 0 && (mask & 1L << bit) != 0;
    }

    static long mask(List<String> names) {
        long mask = 0;
        for (String name : names.isEmpty() ? DEFAULT : names) {
            mask |= name.equals("all") ? (1L << BY_CODE.indexOf("repeat") + 1) - 1 : 1L << BY_CODE.indexOf(name);
        }
        return mask;
    }
}
