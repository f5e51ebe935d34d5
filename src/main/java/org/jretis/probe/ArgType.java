package org.jretis.probe;

/**
 * Tracepoint argument types the collectors read data from, spelled as {@link org.jretis.btf.Btf}
 * spells them (qualifiers dropped, so {@code const struct sk_buff *} is {@link #SKB}).
 */
public enum ArgType {
    SKB("struct sk_buff *"),
    NET_DEVICE("struct net_device *"),
    NET("struct net *"),
    DROP_REASON("enum skb_drop_reason");

    private final String cType;

    ArgType(String cType) {
        this.cType = cType;
    }

    public String cType() {
        return cType;
    }
}
