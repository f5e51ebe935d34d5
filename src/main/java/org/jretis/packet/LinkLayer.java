package org.jretis.packet;

/**
 * Ethernet, in-packet VLAN tags and ARP. The link layer is written only with {@code -e}, but VLAN
 * tags are always walked to reach the network layer.
 */
final class LinkLayer {
    private static final int ETHERNET_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int ARP_ETHERNET_IPV4 = 28;

    private LinkLayer() {}

    static void ethernet(Frame f, int offset) {
        f.need(offset, ETHERNET_HEADER);
        int ethertype = f.u16(offset + 12);
        if (f.linkLayer) {
            f.space().mac(offset + 6).out.append(" > ");
            f.mac(offset);
            f.out.append(" ethertype ");
            EtherTypes.append(f.out, ethertype);
        }
        network(f, ethertype, offset + ETHERNET_HEADER);
    }

    /** Dissects what follows an ethertype, walking VLAN tags first. */
    static void network(Frame f, int ethertype, int offset) {
        while (EtherTypes.isVlan(ethertype)) {
            f.need(offset, VLAN_TAG);
            int tci = f.u16(offset);
            ethertype = f.u16(offset + 2);
            if (f.linkLayer) {
                f.out.append(" vlan ").append(tci & 0xfff).append(" p ").append(tci >>> 13);
                if ((tci & 0x1000) != 0) {
                    f.out.append(" DEI");
                }
                f.out.append(" ethertype ");
                EtherTypes.append(f.out, ethertype);
            }
            offset += VLAN_TAG;
        }
        switch (ethertype) {
            case EtherTypes.IPV4 -> Ipv4.dissect(f, offset);
            case EtherTypes.IPV6 -> Ipv6.dissect(f, offset);
            case EtherTypes.ARP, EtherTypes.RARP -> arp(f, offset);
            default -> throw DissectionStop.unsupportedEthertype(ethertype);
        }
    }

    /** ARP and RARP for Ethernet and IPv4, the only pair Retis reads. */
    private static void arp(Frame f, int offset) {
        f.need(offset, ARP_ETHERNET_IPV4);
        int operation = f.u16(offset + 6);
        int sha = offset + 8;
        int spa = offset + 14;
        int tha = offset + 18;
        int tpa = offset + 24;
        switch (operation) {
            case 1 -> {
                f.space().out.append("request who-has ");
                f.ipv4(tpa);
                if (!isZero(f, tha, 6)) {
                    f.out.append(" (");
                    f.mac(tha).out.append(')');
                }
                f.out.append(" tell ");
                f.ipv4(spa);
            }
            case 2 -> {
                f.space().out.append("reply ");
                f.ipv4(spa).out.append(" is-at ");
                f.mac(sha);
            }
            case 3 -> {
                f.space().out.append("reverse request who-is ");
                f.mac(tha).out.append(" tell ");
                f.mac(sha);
            }
            case 4 -> {
                f.space().out.append("reverse reply ");
                f.mac(tha).out.append(" at ");
                f.ipv4(tpa);
            }
            default -> throw DissectionStop.unsupported("ARP operation " + operation);
        }
    }

    private static boolean isZero(Frame f, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (f.u8(offset + i) != 0) {
                return false;
            }
        }
        return true;
    }
}
