package org.jretis.event.json;

import static org.jretis.event.json.JsonBytes.ascii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jretis.event.Event;
import org.jretis.event.NetnsSection;

/**
 * Writes an event's JSON line from its values, section by section, without building the
 * {@link Event}: the bytes {@link EventWriter} gives for the same event, at a fraction of the
 * cost (the capture's path from ring records to an events file). Names come from the sections'
 * names classes, prepared once as ASCII. The caller writes the sections in {@link EventJson}'s
 * order, each once: {@link #common}, then the others, then {@link #end}; a run of sections
 * that repeats between events can be kept ({@link #since}) and written again as one part.
 */
public final class FastEventWriter {
    private static final byte[] COMMON = ascii("{" + open(CommonJson.SECTION, CommonJson.TIMESTAMP));
    private static final byte[] SMP_ID = next(CommonJson.SMP_ID);
    private static final byte[] TASK = ascii("," + open(CommonJson.TASK, CommonJson.TASK_PID));
    private static final byte[] TGID = next(CommonJson.TASK_TGID);
    private static final byte[] COMM = next(CommonJson.TASK_COMM);
    private static final byte[] SKB_TRACKING = ascii("," + open(SkbTrackingJson.SECTION, SkbTrackingJson.ORIG_HEAD));
    private static final byte[] TIMESTAMP = next(SkbTrackingJson.TIMESTAMP);
    private static final byte[] SKB_ADDRESS = next(SkbTrackingJson.SKB);
    private static final byte[] PACKET = ascii("," + open(PacketJson.SECTION, PacketJson.LEN));
    private static final byte[] CAPTURE_LEN = next(PacketJson.CAPTURE_LEN);
    private static final byte[] DATA = next(PacketJson.DATA);
    private static final byte[] SKB = ascii(",\"" + SkbJson.SECTION + "\":{");
    private static final byte[] VLAN = ascii(open(SkbJson.VLAN_ACCEL, SkbJson.VLAN_PROTO));
    private static final byte[] PCP = next(SkbJson.VLAN_PCP);
    private static final byte[] DEI = next(SkbJson.VLAN_DEI);
    private static final byte[] VID = next(SkbJson.VLAN_VID);
    private static final byte[] META = ascii(open(SkbJson.META, SkbJson.META_LEN));
    private static final byte[] DATA_LEN = next(SkbJson.META_DATA_LEN);
    private static final byte[] HASH = next(SkbJson.META_HASH);
    private static final byte[] IP_SUMMED = next(SkbJson.META_IP_SUMMED);
    private static final byte[] CSUM = next(SkbJson.META_CSUM);
    private static final byte[] CSUM_LEVEL = next(SkbJson.META_CSUM_LEVEL);
    private static final byte[] PRIORITY = next(SkbJson.META_PRIORITY);
    private static final byte[] DATA_REF = ascii(open(SkbJson.DATA_REF, SkbJson.DATA_REF_NOHDR));
    private static final byte[] CLONED = next(SkbJson.DATA_REF_CLONED);
    private static final byte[] FCLONE = next(SkbJson.DATA_REF_FCLONE);
    private static final byte[] USERS = next(SkbJson.DATA_REF_USERS);
    private static final byte[] DATAREF = next(SkbJson.DATA_REF_DATAREF);
    private static final byte[] GSO = ascii(open(SkbJson.GSO, SkbJson.GSO_FLAGS));
    private static final byte[] FRAGS = next(SkbJson.GSO_FRAGS);
    private static final byte[] SIZE = next(SkbJson.GSO_SIZE);
    private static final byte[] SEGS = next(SkbJson.GSO_SEGS);
    private static final byte[] TYPE = next(SkbJson.GSO_TYPE);
    private static final byte[] NETNS = ascii(",\"" + NetnsJson.SECTION + "\":{");
    private static final byte[] COOKIE = ascii(name(NetnsJson.COOKIE));
    private static final byte[] INUM = ascii(name(NetnsJson.INUM));
    private static final byte[] DEV = ascii("," + open(DevJson.SECTION, DevJson.NAME));
    private static final byte[] IFINDEX = next(DevJson.IFINDEX);
    private static final byte[] RX_IFINDEX = next(DevJson.RX_IFINDEX);

    private final JsonBytes line = new JsonBytes();
    /** Writes a unit's section tree as the codec writes it. */
    private final ObjectMapper trees = new ObjectMapper();
    /** Whether the skb section being written has a part yet. */
    private boolean skbPart;

    /** {@code "name":} */
    private static String name(String name) {
        return "\"" + name + "\":";
    }

    /** {@code ,"name":} */
    private static byte[] next(String name) {
        return ascii("," + name(name));
    }

    /** {@code "object":{"first":} */
    private static String open(String object, String first) {
        return name(object) + "{" + name(first);
    }

    /** The line so far: {@code length()} bytes of {@code bytes()}, no newline. */
    public byte[] bytes() {
        return line.bytes();
    }

    public int length() {
        return line.length();
    }

    /** A copy of what was written since the line had {@code length} bytes: a part to pass to {@link #member} later. */
    public byte[] since(int length) {
        return Arrays.copyOfRange(line.bytes(), length, line.length());
    }

    /** Starts a line with its {@code common} section, left open for {@link #smpId}. */
    public FastEventWriter common(long timestamp) {
        line.clear();
        line.append(COMMON).unsigned(timestamp);
        return this;
    }

    /** The CPU of {@code common}, left open for {@link #task}. */
    public FastEventWriter smpId(long smpId) {
        line.append(SMP_ID).unsigned(smpId);
        return this;
    }

    /**
     * The task of {@code common}, its name a C string of at most {@code max} bytes at {@code at};
     * false (the line unusable) when the name is not plain ASCII JSON leaves as is.
     */
    public boolean task(int pid, int tgid, byte[] from, int at, int max) {
        line.append(TASK).number(pid).append(TGID).number(tgid).append(COMM);
        if (!line.cString(from, at, max)) {
            return false;
        }
        line.append('}');
        return true;
    }

    /** Closes {@code common}. */
    public FastEventWriter endCommon() {
        line.append('}');
        return this;
    }

    /** A section prepared by {@link #member}, or a part kept by {@link #since}. */
    public FastEventWriter member(byte[] member) {
        line.append(member);
        return this;
    }

    public FastEventWriter skbTracking(long origHead, long timestamp, long skb) {
        line.append(SKB_TRACKING).unsigned(origHead).append(TIMESTAMP).unsigned(timestamp)
                .append(SKB_ADDRESS).unsigned(skb).append('}');
        return this;
    }

    /** The packet's first {@code captured} bytes are at {@code at} of {@code from}. */
    public FastEventWriter packet(long len, int captured, byte[] from, int at) {
        line.append(PACKET).unsigned(len).append(CAPTURE_LEN).unsigned(captured)
                .append(DATA).base64(from, at, captured).append('}');
        return this;
    }

    /** Opens {@code skb}, for its parts in order, then {@link #endSkb}. */
    public FastEventWriter skb() {
        line.append(SKB);
        skbPart = false;
        return this;
    }

    public FastEventWriter vlanAccel(int proto, int pcp, boolean dei, int vid) {
        part().append(VLAN).number(proto).append(PCP).number(pcp).append(DEI).bool(dei).append(VID).number(vid)
                .append('}');
        return this;
    }

    public FastEventWriter meta(long len, long dataLen, long hash, int ipSummed, long csum, int csumLevel,
            long priority) {
        part().append(META).unsigned(len).append(DATA_LEN).unsigned(dataLen).append(HASH).unsigned(hash)
                .append(IP_SUMMED).number(ipSummed).append(CSUM).unsigned(csum)
                .append(CSUM_LEVEL).number(csumLevel).append(PRIORITY).unsigned(priority).append('}');
        return this;
    }

    public FastEventWriter dataRef(boolean nohdr, boolean cloned, int fclone, int users, int dataref) {
        part().append(DATA_REF).bool(nohdr).append(CLONED).bool(cloned).append(FCLONE).number(fclone)
                .append(USERS).number(users).append(DATAREF).number(dataref).append('}');
        return this;
    }

    public FastEventWriter gso(int flags, int frags, long size, long segs, long type) {
        part().append(GSO).number(flags).append(FRAGS).number(frags).append(SIZE).unsigned(size)
                .append(SEGS).unsigned(segs).append(TYPE).unsigned(type).append('}');
        return this;
    }

    /** The separator before a part of {@code skb} but the first. */
    private JsonBytes part() {
        if (skbPart) {
            line.append(',');
        }
        skbPart = true;
        return line;
    }

    public FastEventWriter endSkb() {
        line.append('}');
        return this;
    }

    /** {@code netns} without a cookie when {@code hasCookie} is false; {@code nameField} from {@link #netnsName}. */
    public FastEventWriter netns(boolean hasCookie, long cookie, long inum, byte[] nameField) {
        line.append(NETNS);
        if (hasCookie) {
            line.append(COOKIE).unsigned(cookie).append(',');
        }
        line.append(INUM).unsigned(inum).append(nameField).append('}');
        return this;
    }

    /**
     * {@code dev}, its name a C string as in {@link #task}; {@code rxIfindex} written when
     * positive. False (the line unusable) for a name JSON would not leave as is.
     */
    public boolean dev(byte[] from, int at, int max, long ifindex, int rxIfindex) {
        line.append(DEV);
        if (!line.cString(from, at, max)) {
            return false;
        }
        line.append(IFINDEX).unsigned(ifindex);
        if (rxIfindex > 0) {
            line.append(RX_IFINDEX).unsigned(rxIfindex);
        }
        line.append('}');
        return true;
    }

    /** A collector unit's section, from the tree its record part made. */
    public FastEventWriter unitSection(String name, JsonNode section) {
        try {
            line.append(',').append('"').append(ascii(name)).append('"').append(':')
                    .append(trees.writeValueAsBytes(section));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + name + " section", e);
        }
        return this;
    }

    /** Closes the line. */
    public void end() {
        line.append('}');
    }

    /**
     * {@code ,"name":{...}}: the codec's JSON of the one section {@code event} holds, to pass
     * to {@link #member} for a section that is the same for many events.
     */
    public static byte[] member(Event event) {
        String json = EventWriter.toJson(event);
        return ("," + json.substring(1, json.length() - 1)).getBytes(StandardCharsets.UTF_8);
    }

    /** The name field of {@code netns} for a namespace named {@code name}, as the codec writes it. */
    public static byte[] netnsName(String name) {
        Event named = new Event();
        named.netns = new NetnsSection(null, 0, name);
        String json = EventWriter.toJson(named);
        // {"netns":{"inum":0,"name":"..."}} -> ,"name":"..."
        return json.substring(json.indexOf("," + name(NetnsJson.NAME)), json.length() - 2)
                .getBytes(StandardCharsets.UTF_8);
    }
}
