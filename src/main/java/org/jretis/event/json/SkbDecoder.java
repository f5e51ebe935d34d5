package org.jretis.event.json;

import static org.jretis.event.json.JsonValues.*;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.jretis.event.SkbSection;

/** Reads the parts of the {@code skb} section; each parser is on the part's opening brace. */
final class SkbDecoder {
    private static final String SKB = SkbJson.SECTION;

    private SkbDecoder() {}

    static SkbSection.VlanAccel vlanAccel(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long proto = null;
        Long pcp = null;
        Boolean dei = null;
        Long vid = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case SkbJson.VLAN_PROTO -> proto = unsigned(p, SKB + "." + SkbJson.VLAN_ACCEL + "." + SkbJson.VLAN_PROTO, 16);
                case SkbJson.VLAN_PCP -> pcp = unsigned(p, SKB + "." + SkbJson.VLAN_ACCEL + "." + SkbJson.VLAN_PCP, 8);
                case SkbJson.VLAN_DEI -> dei = bool(p, SKB + "." + SkbJson.VLAN_ACCEL + "." + SkbJson.VLAN_DEI);
                case SkbJson.VLAN_VID -> vid = unsigned(p, SKB + "." + SkbJson.VLAN_ACCEL + "." + SkbJson.VLAN_VID, 16);
                default -> throw new SectionShapeException(SKB);
            }
        }
        return new SkbSection.VlanAccel(required(proto, SKB).intValue(), required(pcp, SKB).intValue(),
                required(dei, SKB), required(vid, SKB).intValue());
    }

    static SkbSection.Meta meta(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long len = null;
        Long dataLen = null;
        Long hash = null;
        Long ipSummed = null;
        Long csum = null;
        Long csumLevel = null;
        Long priority = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case SkbJson.META_LEN -> len = unsigned(p, SKB + "." + SkbJson.META + "." + SkbJson.META_LEN, 32);
                case SkbJson.META_DATA_LEN -> dataLen = unsigned(p, SKB + "." + SkbJson.META + "." + SkbJson.META_DATA_LEN, 32);
                case SkbJson.META_HASH -> hash = unsigned(p, SKB + "." + SkbJson.META + "." + SkbJson.META_HASH, 32);
                case SkbJson.META_IP_SUMMED -> ipSummed = unsigned(p, SKB + "." + SkbJson.META + "." + SkbJson.META_IP_SUMMED, 8);
                case SkbJson.META_CSUM -> csum = unsigned(p, SKB + "." + SkbJson.META + "." + SkbJson.META_CSUM, 32);
                case SkbJson.META_CSUM_LEVEL -> csumLevel = unsigned(p, SKB + "." + SkbJson.META + "." + SkbJson.META_CSUM_LEVEL, 8);
                case SkbJson.META_PRIORITY -> priority = unsigned(p, SKB + "." + SkbJson.META + "." + SkbJson.META_PRIORITY, 32);
                default -> throw new SectionShapeException(SKB);
            }
        }
        return new SkbSection.Meta(required(len, SKB), required(dataLen, SKB), required(hash, SKB),
                required(ipSummed, SKB).intValue(), required(csum, SKB), required(csumLevel, SKB).intValue(),
                required(priority, SKB));
    }

    static SkbSection.DataRef dataRef(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Boolean nohdr = null;
        Boolean cloned = null;
        Long fclone = null;
        Long users = null;
        Long dataref = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case SkbJson.DATA_REF_NOHDR -> nohdr = bool(p, SKB + "." + SkbJson.DATA_REF + "." + SkbJson.DATA_REF_NOHDR);
                case SkbJson.DATA_REF_CLONED -> cloned = bool(p, SKB + "." + SkbJson.DATA_REF + "." + SkbJson.DATA_REF_CLONED);
                case SkbJson.DATA_REF_FCLONE -> fclone = unsigned(p, SKB + "." + SkbJson.DATA_REF + "." + SkbJson.DATA_REF_FCLONE, 8);
                case SkbJson.DATA_REF_USERS -> users = unsigned(p, SKB + "." + SkbJson.DATA_REF + "." + SkbJson.DATA_REF_USERS, 8);
                case SkbJson.DATA_REF_DATAREF -> dataref = unsigned(p, SKB + "." + SkbJson.DATA_REF + "." + SkbJson.DATA_REF_DATAREF, 8);
                default -> throw new SectionShapeException(SKB);
            }
        }
        return new SkbSection.DataRef(required(nohdr, SKB), required(cloned, SKB), required(fclone, SKB).intValue(),
                required(users, SKB).intValue(), required(dataref, SKB).intValue());
    }

    static SkbSection.Gso gso(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long flags = null;
        Long frags = null;
        Long size = null;
        Long segs = null;
        Long type = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case SkbJson.GSO_FLAGS -> flags = unsigned(p, SKB + "." + SkbJson.GSO + "." + SkbJson.GSO_FLAGS, 8);
                case SkbJson.GSO_FRAGS -> frags = unsigned(p, SKB + "." + SkbJson.GSO + "." + SkbJson.GSO_FRAGS, 8);
                case SkbJson.GSO_SIZE -> size = unsigned(p, SKB + "." + SkbJson.GSO + "." + SkbJson.GSO_SIZE, 32);
                case SkbJson.GSO_SEGS -> segs = unsigned(p, SKB + "." + SkbJson.GSO + "." + SkbJson.GSO_SEGS, 32);
                case SkbJson.GSO_TYPE -> type = unsigned(p, SKB + "." + SkbJson.GSO + "." + SkbJson.GSO_TYPE, 32);
                default -> throw new SectionShapeException(SKB);
            }
        }
        return new SkbSection.Gso(required(flags, SKB).intValue(), required(frags, SKB).intValue(),
                required(size, SKB), required(segs, SKB), required(type, SKB));
    }
}
