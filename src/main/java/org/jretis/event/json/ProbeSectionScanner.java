package org.jretis.event.json;

import static org.jretis.event.json.Unscannable.present;

import java.util.ArrayList;
import java.util.List;
import org.jretis.event.CommonSection;
import org.jretis.event.KernelSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.TrackingSection;

/**
 * Scans the sections about the probe that saw the event: {@code common}, {@code kernel} and the
 * tracking ones. Each method starts before the section's opening brace; fields may come in any
 * order, a field in another order than the encoder's makes the line not canonical.
 */
final class ProbeSectionScanner {
    private static final UnsignedFields ORIG_HEAD_TIMESTAMP_SKB = new UnsignedFields(
            SkbTrackingJson.ORIG_HEAD, SkbTrackingJson.TIMESTAMP, SkbTrackingJson.SKB);

    private ProbeSectionScanner() {}

    static CommonSection common(ByteCursor in) throws Unscannable {
        long timestamp = -1;
        Integer smpId = null;
        CommonSection.Task task = null;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, CommonJson.TIMESTAMP) && timestamp == -1) {
                order = in.inOrder(order, 0);
                timestamp = in.u64();
            } else if (in.is(f, CommonJson.SMP_ID) && smpId == null) {
                order = in.inOrder(order, 1);
                smpId = (int) in.unsigned(32);
            } else if (in.is(f, CommonJson.TASK) && task == null) {
                order = in.inOrder(order, 2);
                task = task(in);
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        return new CommonSection(present(timestamp), smpId, task);
    }

    private static CommonSection.Task task(ByteCursor in) throws Unscannable {
        long pid = Long.MIN_VALUE;
        long tgid = Long.MIN_VALUE;
        String comm = null;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, CommonJson.TASK_PID) && pid == Long.MIN_VALUE) {
                order = in.inOrder(order, 0);
                pid = in.i32();
            } else if (in.is(f, CommonJson.TASK_TGID) && tgid == Long.MIN_VALUE) {
                order = in.inOrder(order, 1);
                tgid = in.i32();
            } else if (in.is(f, CommonJson.TASK_COMM) && comm == null) {
                order = in.inOrder(order, 2);
                comm = in.text();
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (pid == Long.MIN_VALUE || tgid == Long.MIN_VALUE || comm == null) {
            throw Unscannable.LINE;
        }
        return new CommonSection.Task((int) pid, (int) tgid, comm);
    }

    static KernelSection kernel(ByteCursor in) throws Unscannable {
        String symbol = null;
        String probeType = null;
        List<String> stack = null;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, KernelJson.SYMBOL) && symbol == null) {
                order = in.inOrder(order, 0);
                symbol = in.text();
            } else if (in.is(f, KernelJson.PROBE_TYPE) && probeType == null) {
                order = in.inOrder(order, 1);
                probeType = in.text();
            } else if (in.is(f, KernelJson.STACK_TRACE) && stack == null) {
                order = in.inOrder(order, 2);
                stack = texts(in);
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (symbol == null || probeType == null) {
            throw Unscannable.LINE;
        }
        return new KernelSection(symbol, probeType, stack);
    }

    private static List<String> texts(ByteCursor in) throws Unscannable {
        List<String> values = new ArrayList<>();
        in.expect('[');
        if (!in.peekIs(']')) {
            do {
                values.add(in.text());
            } while (in.comma());
        }
        in.expect(']');
        return List.copyOf(values);
    }

    static TrackingSection tracking(ByteCursor in) throws Unscannable {
        SkbTrackingSection skb = null;
        long idx = -1;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, TrackingJson.SKB) && skb == null) {
                order = in.inOrder(order, 0);
                skb = skbTracking(in);
            } else if (in.is(f, TrackingJson.IDX) && idx == -1) {
                order = in.inOrder(order, 1);
                idx = in.unsigned(32);
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (skb == null) {
            throw Unscannable.LINE;
        }
        return new TrackingSection(skb, (int) present(idx));
    }

    /** Also the {@code skb} of {@code tracking}. */
    static SkbTrackingSection skbTracking(ByteCursor in) throws Unscannable {
        long[] v = ORIG_HEAD_TIMESTAMP_SKB.read(in, 64);
        return new SkbTrackingSection(v[0], v[1], v[2]);
    }
}
