package org.jretis.event.json;

import static org.jretis.event.json.Unscannable.present;

import org.jretis.event.DevSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.SkbDropSection;

/**
 * Scans the sections about where the packet was on its path through the stack: {@code netns},
 * {@code dev}, and {@code skb-drop} when it left it. Each method starts before the section's
 * opening brace.
 */
final class PathSectionScanner {
    private PathSectionScanner() {}

    static NetnsSection netns(ByteCursor in) throws Unscannable {
        long cookie = -1;
        long inum = -1;
        String name = null;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, NetnsJson.COOKIE) && cookie == -1) {
                order = in.inOrder(order, 0);
                cookie = in.u64();
                if (cookie == -1) {
                    throw Unscannable.LINE; // 2^64-1 would read as absent
                }
            } else if (in.is(f, NetnsJson.INUM) && inum == -1) {
                order = in.inOrder(order, 1);
                inum = in.unsigned(32);
            } else if (in.is(f, NetnsJson.NAME) && name == null) {
                order = in.inOrder(order, 2);
                name = in.text();
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        return new NetnsSection(cookie == -1 ? null : cookie, present(inum), name);
    }

    static DevSection dev(ByteCursor in) throws Unscannable {
        String name = null;
        long ifindex = -1;
        long rxIfindex = -1;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, DevJson.NAME) && name == null) {
                order = in.inOrder(order, 0);
                name = in.text();
            } else if (in.is(f, DevJson.IFINDEX) && ifindex == -1) {
                order = in.inOrder(order, 1);
                ifindex = in.unsigned(32);
            } else if (in.is(f, DevJson.RX_IFINDEX) && rxIfindex == -1) {
                order = in.inOrder(order, 2);
                rxIfindex = in.unsigned(32);
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (name == null) {
            throw Unscannable.LINE;
        }
        return new DevSection(name, (int) present(ifindex), rxIfindex == -1 ? null : (int) rxIfindex);
    }

    static SkbDropSection skbDrop(ByteCursor in) throws Unscannable {
        String subsys = null;
        String reason = null;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, SkbDropJson.SUBSYS) && subsys == null) {
                order = in.inOrder(order, 0);
                subsys = in.text();
            } else if (in.is(f, SkbDropJson.DROP_REASON) && reason == null) {
                order = in.inOrder(order, 1);
                reason = in.text();
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (reason == null) {
            throw Unscannable.LINE;
        }
        return new SkbDropSection(subsys, reason);
    }
}
