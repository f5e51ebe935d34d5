package org.jretis.event.json;

import static org.jretis.event.json.JsonValues.*;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.jretis.event.SkbSection;

/** Reads the parts of the {@code skb} section; each parser is on the part's opening brace. */
final class SkbDecoder {
    private static final String SKB = EventJson.SKB;

    private SkbDecoder() {}

    static SkbSection.VlanAccel vlanAccel(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long proto = null;
        Long pcp = null;
        Boolean dei = null;
        Long vid = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "proto" -> proto = unsigned(p, "skb.vlan_accel.proto", 16);
                case "pcp" -> pcp = unsigned(p, "skb.vlan_accel.pcp", 8);
                case "dei" -> dei = bool(p, "skb.vlan_accel.dei");
                case "vid" -> vid = unsigned(p, "skb.vlan_accel.vid", 16);
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
                case "len" -> len = unsigned(p, "skb.meta.len", 32);
                case "data_len" -> dataLen = unsigned(p, "skb.meta.data_len", 32);
                case "hash" -> hash = unsigned(p, "skb.meta.hash", 32);
                case "ip_summed" -> ipSummed = unsigned(p, "skb.meta.ip_summed", 8);
                case "csum" -> csum = unsigned(p, "skb.meta.csum", 32);
                case "csum_level" -> csumLevel = unsigned(p, "skb.meta.csum_level", 8);
                case "priority" -> priority = unsigned(p, "skb.meta.priority", 32);
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
                case "nohdr" -> nohdr = bool(p, "skb.data_ref.nohdr");
                case "cloned" -> cloned = bool(p, "skb.data_ref.cloned");
                case "fclone" -> fclone = unsigned(p, "skb.data_ref.fclone", 8);
                case "users" -> users = unsigned(p, "skb.data_ref.users", 8);
                case "dataref" -> dataref = unsigned(p, "skb.data_ref.dataref", 8);
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
                case "flags" -> flags = unsigned(p, "skb.gso.flags", 8);
                case "frags" -> frags = unsigned(p, "skb.gso.frags", 8);
                case "size" -> size = unsigned(p, "skb.gso.size", 32);
                case "segs" -> segs = unsigned(p, "skb.gso.segs", 32);
                case "type" -> type = unsigned(p, "skb.gso.type", 32);
                default -> throw new SectionShapeException(SKB);
            }
        }
        return new SkbSection.Gso(required(flags, SKB).intValue(), required(frags, SKB).intValue(),
                required(size, SKB), required(segs, SKB), required(type, SKB));
    }
}
