package org.jretis.packet;

/** Ethertype numbers the dissector knows, and their names as Retis prints them (also for the skb VLAN tag). */
public final class EtherTypes {
    static final int IPV4 = 0x0800;
    static final int ARP = 0x0806;
    static final int TEB = 0x6558;
    static final int RARP = 0x8035;
    static final int VLAN = 0x8100;
    static final int IPV6 = 0x86dd;
    static final int QINQ = 0x88a8;
    static final int VLAN_9100 = 0x9100;

    private EtherTypes() {}

    static boolean isVlan(int ethertype) {
        return ethertype == VLAN || ethertype == QINQ || ethertype == VLAN_9100;
    }

    /** The name, or null when unknown. */
    static String name(int ethertype) {
        return switch (ethertype) {
            case IPV4 -> "IPv4";
            case ARP -> "ARP";
            case TEB -> "TEB";
            case RARP -> "Reverse ARP";
            case 0x809b -> "Appletalk";
            case 0x80f3 -> "Appletalk ARP";
            case VLAN -> "802.1Q";
            case IPV6 -> "IPv6";
            case 0x880b -> "PPP";
            case 0x8847 -> "MPLS unicast";
            case 0x8848 -> "MPLS multicast";
            case 0x8863 -> "PPPoE D";
            case 0x8864 -> "PPPoE S";
            case 0x888e -> "EAPOL";
            case QINQ -> "802.1Q-QinQ";
            case 0x88e5 -> "802.1AE MACsec";
            case 0x88f7 -> "PTP";
            case VLAN_9100 -> "802.1Q-9100";
            default -> null;
        };
    }

    /** {@code <name> (0x....)}, or {@code (0x....)} for an unknown ethertype. */
    public static void append(StringBuilder out, int ethertype) {
        String name = name(ethertype);
        if (name != null) {
            out.append(name).append(' ');
        }
        out.append('(').append(Hex.prefixed(ethertype, 4)).append(')');
    }
}
