package org.jretis.probe;

import java.util.List;

/**
 * Argument types the collectors read data from, spelled as {@link org.jretis.btf.Btf} spells them
 * (qualifiers dropped, so {@code const struct sk_buff *} is {@link #SKB}).
 */
public enum ArgType {
    SKB("struct sk_buff *"),
    NET_DEVICE("struct net_device *"),
    NET("struct net *"),
    /** The core reasons and those subsystems define in their own enums, as Retis' skb-drop reads them. */
    DROP_REASON("enum skb_drop_reason", "enum mac80211_drop_reason", "enum ovs_drop_reason",
            "enum qdisc_drop_reason");

    private final List<String> cTypes;

    ArgType(String... cTypes) {
        this.cTypes = List.of(cTypes);
    }

    /** Whether an argument of this C type is of this kind. */
    public boolean matches(String cType) {
        return cTypes.contains(cType);
    }
}
