package org.jretis.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jretis.event.CommonSection;
import org.jretis.event.Event;
import org.jretis.event.DevSection;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.StartupSection;
import org.jretis.event.TrackingSection;
import org.jretis.event.UserspaceSection;
import org.junit.jupiter.api.Test;

class EventFormatterTest {
    private static final EventFormatter MULTI = new EventFormatter(EventFormatter.Format.MULTI_LINE, false, false);
    private static final EventFormatter SINGLE = new EventFormatter(EventFormatter.Format.SINGLE_LINE, false, false);

    private static String render(EventFormatter formatter, Event event) {
        StringBuilder out = new StringBuilder("prefix:");
        formatter.format(event, out);
        return out.substring("prefix:".length());
    }

    @Test
    void anEventWithNothingToShowPrintsNothing() {
        StringBuilder out = new StringBuilder();
        assertThat(MULTI.format(new Event(), out)).isFalse();
        assertThat(out).isEmpty();
    }

    @Test
    void sortedEventsShowTheirIndexAndProbesTheirKind() {
        Event e = new Event();
        e.common = new CommonSection(30419169125909L, 6, new CommonSection.Task(11330, 11330, "ping"));
        e.kernel = new KernelSection("ovs_dp_upcall", "kretprobe", null);
        e.tracking = new TrackingSection(new SkbTrackingSection(0xffff8e95c3b67c00L, 30419169061793L, 0xffff8e95d3009100L), 3);
        assertThat(render(MULTI, e)).isEqualTo(
                "30419169125909 (6) [ping] 11330 [kr] ovs_dp_upcall #1baa83c42ba1ffff8e95c3b67c00 (skb ffff8e95d3009100) n 3");
        e.kernel = new KernelSection("ip_rcv", "kprobe", null);
        assertThat(render(MULTI, e)).contains(" [k] ip_rcv #");
    }

    @Test
    void theInitialNamespaceIsTheRecordedOneElseOneOfItsUsualNumbers() {
        EventFormatter formatter = new EventFormatter(EventFormatter.Format.SINGLE_LINE, false, false);
        Event e = new Event();
        e.dev = new DevSection("veth0", 4, null);
        e.netns = new NetnsSection(3L, 0xEFFFFFF9L);
        assertThat(render(formatter, e)).isEqualTo("if 4 (veth0)");
        e.netns = new NetnsSection(1L, 4026531840L);
        assertThat(render(formatter, e)).isEqualTo("if 4 (veth0)");
        e.netns = new NetnsSection(7L, 4026532741L);
        assertThat(render(formatter, e)).isEqualTo("ns 0x7/4026532741 if 4 (veth0)");

        Event startup = new Event();
        startup.startup = new StartupSection("1.7.0", null, null, null, null, 4026532741L);
        formatter.format(startup, new StringBuilder());
        assertThat(render(formatter, e)).isEqualTo("if 4 (veth0)");
        e.netns = new NetnsSection(1L, 4026531840L);
        assertThat(render(formatter, e)).isEqualTo("ns 0x1/4026531840 if 4 (veth0)");
    }

    @Test
    void userspaceProbesShowTheBinaryName() {
        Event e = new Event();
        e.userspace = new UserspaceSection("usdt", "dpif_recv:recv_upcall", 0x5555L, "/usr/sbin/ovs-vswitchd", 985, 995);
        assertThat(render(SINGLE, e)).isEqualTo("[u] dpif_recv:recv_upcall (ovs-vswitchd)");
    }

    @Test
    void utcTimesNeedTheClockOffset() {
        Event e = new Event();
        e.common = new CommonSection(30419169061793L, null, null);
        EventFormatter utc = new EventFormatter(EventFormatter.Format.SINGLE_LINE, true, false);
        assertThat(render(utc, e)).isEqualTo("30419169061793");
        utc.useClockOffset(new StartupSection.ClockOffset(1742309146L, 691042000L));
        assertThat(render(utc, e)).isEqualTo("2025-03-18 23:12:45.860103");
    }

    @Test
    void ovsLookupAndDetraceBreakLinesOnlyInMultiLine() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Event e = new Event();
        e.others.put("ovs", json.readTree("""
                {"event_type":"flow_lookup","flow":18446619372617628672,"sf_acts":18446619372617629000,\
                "ufid":[1,2,3,4],"n_mask_hit":2,"n_cache_hit":1,"dpflow":"in_port(2)","ofpflows":["table=0 actions=NORMAL"]}"""));
        e.others.put("ovs-detrace", json.readTree("""
                {"ufid":[1,2,3,4],"flow":1,"sf_acts":2,"dpflow":"in_port(2)","ofpflows":["a","b"]}"""));
        assertThat(render(MULTI, e)).isEqualTo("""
                flow hit ufid 00000001-0000-0002-0000-000300000004 mask 2 cache 1 flow ffff8e95c3b67c00 sf_acts ffff8e95c3b67d48
                  odpflow in_port(2)
                  openflow
                    table=0 actions=NORMAL
                  ufid:00000001-0000-0002-0000-000300000004 in_port(2)
                  openflow:
                    a
                    b""");
        assertThat(render(SINGLE, e)).isEqualTo("flow hit ufid 00000001-0000-0002-0000-000300000004 mask 2 cache 1"
                + " flow ffff8e95c3b67c00 sf_acts ffff8e95c3b67d48 odpflow in_port(2) openflow table=0 actions=NORMAL"
                + " ufid:00000001-0000-0002-0000-000300000004 in_port(2) openflow: a b");
    }

    @Test
    void ovsUpcallsAndActions() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Event e = new Event();
        e.others.put("ovs", json.readTree("{\"cmd\":1,\"cpu\":0,\"event_type\":\"upcall\",\"port\":4195744766}"));
        assertThat(render(SINGLE, e)).isEqualTo("upcall (miss) port 4195744766 cpu 0");
        e.others.put("ovs", json.readTree("{\"action\":\"drop\",\"event_type\":\"action_execute\",\"reason\":0,\"recirc_id\":32}"));
        assertThat(render(SINGLE, e)).isEqualTo("[recirc_id 0x20] exec drop 0");
        e.others.put("ovs", json.readTree("{\"event_type\":\"action_execute\",\"action\":\"output\",\"port\":4,\"recirc_id\":0,\"queue_id\":3}"));
        assertThat(render(SINGLE, e)).isEqualTo("exec oport 4 q 3");
    }

    @Test
    void formatNamesAreRetisOptionValues() {
        assertThat(EventFormatter.Format.parse("single-line")).isEqualTo(EventFormatter.Format.SINGLE_LINE);
        assertThatThrownBy(() -> EventFormatter.Format.parse("json"))
                .hasMessage("Invalid format 'json': expected multi-line or single-line");
    }
}
