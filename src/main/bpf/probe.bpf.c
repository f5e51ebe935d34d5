// SPDX-License-Identifier: GPL-2.0
/*
 * The generic skb probe: user space loads this object once per probe (or per group of function
 * probes alike), configures it through the .rodata knobs below and attaches one of its programs:
 * probe_skb to a tracepoint (tp_btf, its target set before load), probe_kprobe to kprobes, probe_kretprobe with its entry half
 * probe_kretprobe_entry to kretprobes, probe_nft to kprobe:__nft_trace_packet (nft.h). Per hit it finds the skb among the arguments, lets the
 * packet filter decide, keeps the packet's tracking id and writes one struct retis_event
 * (event.h) into the shared ring: its fixed part and the captured packet bytes only, then the
 * parts of the collector units that found something (nft.h, ct.h).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_tracing.h>
#include "maps.h"
#include "span.h"
#include "skb.h"
#include "ct.h"

char LICENSE[] SEC("license") = "GPL";

/*
 * Parameter idx (0 to 4) of the probed function from the entry registers, or 0 when idx is -1.
 * The index is a constant to the verifier. Read straight from the registers, not through a copy
 * on the stack: with a compiled filter's stack on top, 6.1 refuses programs over 512 bytes.
 */
static __always_inline __u64 regs_arg(struct pt_regs *ctx, __s32 idx)
{
	switch (idx) {
	case 0: return PT_REGS_PARM1_CORE(ctx);
	case 1: return PT_REGS_PARM2_CORE(ctx);
	case 2: return PT_REGS_PARM3_CORE(ctx);
	case 3: return PT_REGS_PARM4_CORE(ctx);
	case 4: return PT_REGS_PARM5_CORE(ctx);
	default: return 0;
	}
}

#include "nft.h" /* reads the arguments with regs_arg */


#define ETH_HLEN 14
#define ETH_P_IP 0x0800
#define ETH_P_IPV6 0x86DD
#define UNSET_OFFSET ((__u16)~0U) /* a header offset never set */

/* What the packet filter returns for a packet it accepts (any non-zero value passes). */
#define FILTER_PASS 0x40000

/* Bytes of a record before its packet data: what every record holds. */
#define RECORD_FIXED offsetof(struct retis_event, data)

/* Ring space a record of size bytes takes: 8-byte header, then the record rounded up to 8 bytes. */
#define RECORD_SPACE(size) (8 + (((size) + 7) & ~7))

/* A record and the collector parts that may follow its packet bytes (EV_HAS_NFT, EV_HAS_CT). */
struct record_buf {
	struct retis_event event;
	struct nft_part nft;
	struct ct_part ct;
	__u8 slack[8]; /* the verifier bounds part_offset's rounding up by 8 bytes more */
	struct skb_head_data numbers; /* see skb_head_data */
	__u64 skb_number;             /* see read_layout */
	/* The packet's tracking entry, as found or made: here rather than on the stack, which a
	 * compiled filter's shares (6.1 refuses 512 bytes in all). */
	struct tracking_info track;
};

/*
 * Where a record is built before it is copied into the ring with its exact size: the ring is
 * read by the other CPU, so every cache line written there is one taken back from it, and a
 * record reserved in place would take all sizeof(struct retis_event) bytes for a packet that
 * is mostly far shorter. This CPU's slot stays in its own cache.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct record_buf);
} scratch SEC(".maps");

/* Set by user space before load; the verifier sees them as constants. Argument indexes are
 * raw tracepoint argument indexes, or the probed function's parameter indexes (0 to 4) for
 * function probes; -1 when there is no such argument. */
const volatile __u32 probe_id = 0;         /* copied into every record */
const volatile __s32 skb_arg = 0;          /* index of the struct sk_buff * argument */
const volatile __s32 reason_arg = -1;      /* index of an enum skb_drop_reason argument */
const volatile __u32 sections = SEC_PACKET | SEC_DEV | SEC_NETNS | SEC_TRACK; /* SEC_* */
const volatile __u64 wakeup_bytes = 0;     /* wake the consumer every this many bytes of records */
const volatile __s32 dev_arg = -1;         /* index of a struct net_device * argument */
const volatile __s32 net_arg = -1;         /* index of a struct net * argument */
/* With SEC_TRACK, report the id of a packet already tracked but never start one: for
 * tracepoints that may see an skb already freed (net:net_dev_xmit), as Retis' no_tracking. */
const volatile bool track_existing_only = false;
/* Tracking entries are removed by kprobes on the functions that free or move a head (Retis'
 * scheme) rather than by the tracepoint scheme: see tracking_entry. */
const volatile bool frees_seen = false;
/* Function probes attached to several functions: the probe id is each attachment's cookie. */
const volatile bool probe_id_from_cookie = false;
/* filter_meta was replaced by a meta filter (-m): it runs, given the skb's address. */
const volatile bool meta_filter = false;

/* One load of the (raw or BTF) tracepoint context at a constant offset. In asm so that the compiler
 * cannot merge the cases of raw_arg into one load at ctx + 8 * idx, which the verifier refuses
 * (the context may only be read at constant offsets). */
#define CTX_ARG(n)								\
	case n: {								\
		__u64 v;							\
		asm volatile("%[v] = *(u64 *)(%[ctx] + " #n " * 8)"		\
			     : [v] "=r"(v) : [ctx] "r"(ctx));			\
		return v;							\
	}

/*
 * Tracepoint argument idx (0 to 5). The index comes from .rodata, so the verifier explores
 * one case only: a program may not read past its tracepoint's arguments. In a tp_btf program
 * the verifier types what it loads from the tracepoint's BTF prototype.
 */
static __always_inline __u64 raw_arg(void *ctx, __u32 idx)
{
	switch (idx) {
	CTX_ARG(0)
	CTX_ARG(1)
	CTX_ARG(2)
	CTX_ARG(3)
	CTX_ARG(4)
	CTX_ARG(5)
	default: return 0;
	}
}

/* Where the packet's bytes start, as Retis' skb collector decides it. */
struct packet_view {
	__u64 l2;     /* head + mac_header when the MAC header is valid, else 0 */
	__s64 l2_len; /* bytes from l2 to the end of the packet */
	__u64 l3;     /* head + network_header when set and the protocol is IPv4/IPv6, else 0 */
	__s64 l3_len; /* bytes from l3 to the end of the packet */
	__u64 linear_end; /* end of the bytes in the head buffer; the rest lies in page fragments */
	__be16 protocol;
};

/* The sk_buff fields that say where the packet lies. */
struct skb_layout {
	__u64 skb; /* the skb's address, as a number */
	__u64 head;
	__u64 data;
	__u32 len;
	__u32 data_len;
	__u16 mac_len;
	__u16 mac_header;
	__u16 network_header;
	__be16 protocol;
};

/*
 * Field by field: plain loads in the tp_btf program, one CO-RE read each in kprobe programs;
 * head and data as numbers (skb_head_data). Reading a longer run of fields in one call and
 * picking them out of a stack buffer looks cheaper, but CO-RE relocates offsets, not the
 * alignment of such a copy: with sk_buff.tail at 188 (Debian 6.1, 6.12) instead of 184, head
 * and data landed misaligned on the stack and those verifiers refused the program.
 */
static __always_inline void read_layout(struct sk_buff *skb, struct skb_layout *l, const bool btf,
					struct record_buf *buf)
{
	struct skb_head_data hd = skb_head_data(skb, btf, &buf->numbers);

	l->len = FIELD(btf, skb, len);
	l->data_len = FIELD(btf, skb, data_len);
	l->mac_len = FIELD(btf, skb, mac_len);
	l->protocol = FIELD(btf, skb, protocol);
	l->network_header = FIELD(btf, skb, network_header);
	l->mac_header = FIELD(btf, skb, mac_header);
	l->head = hd.head;
	l->data = hd.data;
	/* A BTF-typed pointer is no number either (no hashing, no arithmetic): through map memory,
	 * as skb_head_data does. */
	if (btf) {
		volatile __u64 *number = &buf->skb_number;

		*number = (__u64)skb;
		l->skb = *number;
	} else {
		l->skb = (__u64)skb;
	}
}

static __always_inline void view_packet(const struct skb_layout *l, struct packet_view *v)
{
	__u64 head = l->head;
	__u64 end = l->data + l->len;
	v->linear_end = end - l->data_len;
	__u16 mac = l->mac_header;
	__u16 net = l->network_header;

	/* An unset MAC header is ~0; one reset onto the network header with no length is unset too. */
	if (mac != UNSET_OFFSET && !(mac == net && l->mac_len == 0)) {
		v->l2 = head + mac;
		v->l2_len = end - v->l2;
	}
	v->protocol = l->protocol;
	if (net != 0 && net != UNSET_OFFSET &&
	    (v->protocol == bpf_htons(ETH_P_IP) || v->protocol == bpf_htons(ETH_P_IPV6))) {
		v->l3 = head + net;
		v->l3_len = end - v->l3;
	}
}

/*
 * The filters: user space replaces each body with a compiled filter before load (the L2 and L3
 * packet filters from -f, the meta filter from -m). Each returns non-zero when the packet passes;
 * as built they pass everything. The packet filters get where the packet's bytes start (0:
 * unknown, which a compiled filter refuses) and how many there are; the meta filter gets the skb's
 * address. All arguments are scalars: a global function takes no kernel pointer (nor a BTF-typed
 * one, hence skb_layout.skb). Global and noinline, so
 * each stays a function of its own whose instructions can be found (by name, in the program's
 * BTF func info) and replaced. The empty asm makes the arguments used and the result unknown,
 * or the compiler would pass garbage for unused arguments (the verifier refuses a pointer there)
 * and fold the result into the caller.
 */
__noinline int filter_l2(__u64 data, __u64 len)
{
	int verdict = FILTER_PASS;

	asm volatile("" : "+r"(verdict) : "r"(data), "r"(len));
	return verdict;
}

__noinline int filter_l3(__u64 data, __u64 len)
{
	int verdict = FILTER_PASS;

	asm volatile("" : "+r"(verdict) : "r"(data), "r"(len));
	return verdict;
}

__noinline int filter_meta(__u64 skb)
{
	int verdict = FILTER_PASS;

	asm volatile("" : "+r"(verdict) : "r"(skb));
	return verdict;
}

/*
 * The L2 filter runs from the MAC header, else the L3 filter from the network header (a
 * compiled filter refuses a packet with neither); then the meta filter. Packets already tracked
 * pass without them (see report).
 */
static __always_inline bool filters_pass(const struct packet_view *v, __u64 skb)
{
	int verdict;

	if (v->l2)
		verdict = filter_l2(v->l2, v->l2_len);
	else
		verdict = filter_l3(v->l3, v->l3 ? v->l3_len : 0);
	if (verdict == 0)
		return false;
	return !meta_filter || filter_meta(skb) != 0;
}

/*
 * The tracking entry of the packet this skb carries, by its head: its slot, and its fields in id.
 *
 * With the tracepoint scheme (frees_seen false): the head's entry when it was made for this skb,
 * or this skb is a clone sharing the head, and it was seen less than TRACKING_MAX_AGE_NS ago.
 * Otherwise the entry (if any) is left over from an earlier packet whose head was reused.
 *
 * With the kprobe scheme (frees_seen true) every freed head's entry is gone, as in Retis: the
 * head's entry is this packet's, whichever skb carries it (the age bound stays, in place of
 * Retis' garbage collector). An entry moved away by pskb_expand_head waits under the skb's
 * address (tracking.bpf.c) and is moved to its new head here.
 */
static __always_inline struct tracking_info *tracking_entry(struct sk_buff *skb, const struct skb_layout *l,
							     __u64 *now, const bool btf, struct tracking_info *id)
{
	struct tracking_info *slot = tracking_find(l->head, id);

	if (!slot && frees_seen) {
		if (!tracking_find(l->skb, id))
			return NULL;
		tracking_forget(l->skb);
		slot = tracking_put(l->head, id);
	}
	if (!slot)
		return NULL;
	if (!frees_seen && id->skb != l->skb && !skb_is_cloned(skb, btf))
		return NULL;
	/* The clock is read only here and for packets that pass: a refused one does without.
	 * Signed: another CPU may have stored a later last_seen since now was read. */
	*now = bpf_ktime_get_ns();
	if ((__s64)(*now - id->last_seen) >= (__s64)TRACKING_MAX_AGE_NS)
		return NULL;
	return slot;
}

/* Keeps the packet's id in the tracking table: id holds the entry found in slot, or, without
 * one, becomes a new id (timestamp, orig_head). */
static __always_inline void track(struct tracking_info *id, struct tracking_info *slot,
				  const struct skb_layout *l, __u64 now)
{
	if (slot) {
		slot->last_seen = now;
		return;
	}
	id->timestamp = now;
	id->orig_head = l->head;
	id->skb = l->skb;
	id->last_seen = now;
	tracking_put(l->head, id);
}

/* Up to PACKET_CAPTURE_MAX bytes from the MAC header, else a made-up Ethernet header and the
 * bytes from the network header. Only the head buffer is copied, as Retis does: past it (TCP
 * payload in page fragments, for one) the addresses hold unrelated memory. */
static __always_inline void fill_packet(struct retis_event *e, const struct packet_view *v)
{
	__u64 linear;
	__u32 cap;

	if (v->l2 && v->l2_len > 0 && v->linear_end > v->l2) {
		linear = v->linear_end - v->l2;
		cap = linear < PACKET_CAPTURE_MAX ? linear : PACKET_CAPTURE_MAX;
		if (bpf_probe_read_kernel(e->data, cap, (void *)v->l2))
			return;
		e->pkt_len = v->l2_len;
		e->cap_len = cap;
		e->flags |= EV_HAS_PACKET;
		return;
	}
	if (v->l3 && v->l3_len > 0 && v->linear_end > v->l3) {
		linear = v->linear_end - v->l3;
		cap = linear < PACKET_CAPTURE_MAX - ETH_HLEN ? linear : PACKET_CAPTURE_MAX - ETH_HLEN;
		if (bpf_probe_read_kernel(e->data + ETH_HLEN, cap, (void *)v->l3))
			return;
		/* Zero MAC addresses, then the ethertype as the skb has it. */
		__builtin_memset(e->data, 0, 12);
		__builtin_memcpy(e->data + 12, &v->protocol, sizeof(v->protocol));
		e->pkt_len = v->l3_len + ETH_HLEN;
		e->cap_len = cap + ETH_HLEN;
		e->flags |= EV_HAS_PACKET | EV_FAKE_ETH;
	}
}

/* Kernels 4.20 to 6.0 flag an accelerated tag in a bit of its own; later ones use vlan_all != 0. */
struct sk_buff___vlan_present {
	__u8 vlan_present:1;
} __attribute__((preserve_access_index));

static __always_inline void fill_vlan(struct retis_event *e, struct sk_buff *skb, const bool btf)
{
	struct sk_buff___vlan_present *old = (void *)skb;
	bool present;

	if (bpf_core_field_exists(old->vlan_present))
		present = BITFIELD(btf, old, vlan_present);
	else
		present = FIELD(btf, skb, vlan_all) != 0;
	if (!present)
		return;
	e->vlan_proto = FIELD(btf, skb, vlan_proto);
	e->vlan_tci = FIELD(btf, skb, vlan_tci);
	e->flags |= EV_HAS_VLAN;
}

/* The current task's name; in a tp_btf program plain loads from the task, not a helper's copy. */
static __always_inline void fill_comm(struct retis_event *e, const bool btf)
{
	if (btf) {
		struct task_struct *task = bpf_get_current_task_btf();

		__builtin_memcpy(e->comm, task->comm, sizeof(e->comm));
	} else {
		bpf_get_current_comm(e->comm, sizeof(e->comm));
	}
}

static __always_inline void fill_dev(struct retis_event *e, struct sk_buff *skb, struct net_device *dev,
				     const bool btf)
{
	e->ifindex = FIELD(btf, dev, ifindex);
	/* Plain loads in a tp_btf program (the bytes after the name's NUL are the decoder's to ignore). */
	if (btf)
		__builtin_memcpy(e->ifname, dev->name, sizeof(e->ifname));
	else
		BPF_CORE_READ_STR_INTO(&e->ifname, dev, name);
	if (skb)
		e->rx_ifindex = FIELD(btf, skb, skb_iif);
	e->flags |= EV_HAS_DEV;
}

/* The namespace of the device, else of skb->sk, else the struct net * argument. */
static __always_inline void fill_netns(struct retis_event *e, struct sk_buff *skb, struct net_device *dev,
				       struct net *net_param, const bool btf)
{
	struct net *net = NULL;

	if (dev)
		net = FIELD(btf, dev, nd_net.net);
	if (!net && skb) {
		struct sock *sk = FIELD(btf, skb, sk);

		if (sk)
			net = FIELD(btf, sk, __sk_common.skc_net.net);
	}
	if (!net)
		net = net_param;
	if (!net)
		return;
	e->netns_inum = FIELD(btf, net, ns.inum);
	e->flags |= EV_HAS_NETNS;
	/* net_cookie exists since 5.12 (an atomic64_t until 5.14): 8 bytes either way. */
	if (bpf_core_field_exists(net->net_cookie)) {
		e->netns_cookie = FIELD(btf, net, net_cookie);
		e->flags |= EV_HAS_COOKIE;
	}
}

static __always_inline void fill_meta(struct retis_event *e, struct sk_buff *skb, const bool btf)
{
	e->meta_len = FIELD(btf, skb, len);
	e->data_len = FIELD(btf, skb, data_len);
	e->hash = FIELD(btf, skb, hash);
	e->csum = FIELD(btf, skb, csum);
	e->priority = FIELD(btf, skb, priority);
	e->ip_summed = BITFIELD(btf, skb, ip_summed);
	e->csum_level = BITFIELD(btf, skb, csum_level);
	e->flags |= EV_HAS_META;
}

static __always_inline void fill_dataref(struct retis_event *e, struct sk_buff *skb, const bool btf)
{
	e->nohdr = BITFIELD(btf, skb, nohdr);
	e->cloned = BITFIELD(btf, skb, cloned);
	e->fclone = BITFIELD(btf, skb, fclone);
	e->users = FIELD(btf, skb, users.refs.counter);
	e->dataref = skb_dataref(skb, btf);
	e->flags |= EV_HAS_DATAREF;
}

static __always_inline void fill_gso(struct retis_event *e, struct sk_buff *skb, const bool btf)
{
	struct skb_shared_info *shinfo = skb_shinfo_of(skb, btf);

	e->gso_flags = BPF_CORE_READ(shinfo, flags);
	e->gso_frags = BPF_CORE_READ(shinfo, nr_frags);
	e->gso_size = BPF_CORE_READ(shinfo, gso_size);
	e->gso_segs = BPF_CORE_READ(shinfo, gso_segs);
	e->gso_type = BPF_CORE_READ(shinfo, gso_type);
	e->flags |= EV_HAS_GSO;
}

/*
 * No wake-up, except for the record that makes the ring's unread data cross a multiple of
 * wakeup_bytes; user space drains on a timer besides. Reserved records count in the available
 * data; this one is not written yet. Any multiple rather than just the first: records reserved at once on
 * several CPUs can jump over a mark, and the next mark then still wakes the consumer.
 * wakeup_bytes 0 leaves the choice to the kernel (wake when the consumer has caught up).
 */
static __always_inline __u64 wakeup_flag(__u32 size)
{
	__u64 before, after;

	if (wakeup_bytes == 0)
		return 0;
	before = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA);
	after = before + RECORD_SPACE(size);
	if (after / wakeup_bytes != before / wakeup_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

/* Adds one to probe id's slot of a per-CPU counter map (lost, filtered). */
static __always_inline void count(void *counters, __u32 id)
{
	__u32 key = id;
	__u64 *value = bpf_map_lookup_elem(counters, &key);

	if (value)
		(*value)++;
}

/* A pointer argument of the tracepoint, or NULL when it has none at that index. */
static __always_inline void *arg_ptr(void *ctx, __s32 idx)
{
	return idx >= 0 ? (void *)raw_arg(ctx, idx) : NULL;
}

/* Parts that make a record worth sending: more than the task, the probe and its stack. */
#define EV_CONTENT (EV_HAS_TRACKING | EV_HAS_PACKET | EV_HAS_DEV | EV_HAS_NETNS | EV_HAS_VLAN | \
		    EV_HAS_META | EV_HAS_DATAREF | EV_HAS_GSO | EV_HAS_DROP | EV_HAS_CT | EV_HAS_NFT)

/*
 * One hit of probe id, its arguments already taken from the context (ctx: for the stack and the
 * meta filter). reason is meaningful when reason_arg >= 0. btf: the pointers are BTF-typed (the
 * tp_btf program) and their fields plain loads; else they are numbers, read with helpers.
 * nft: the nftables verdict of probe_nft's hit, NULL (a constant: no code) in the other programs.
 *
 * A packet the filters refuse costs the layout, a look at its head's tracking slot and the
 * filters: it is turned away before anything else.
 */
static __always_inline int report(void *ctx, __u32 id, struct sk_buff *skb, struct net_device *dev,
				  struct net *net, __u64 reason, const bool btf, const struct nft_hit *nft)
{
	struct packet_view view = {};
	struct skb_layout layout = {};
	struct tracking_info *ti = NULL;
	struct record_buf *buf;
	struct retis_event *e;
	__u64 now = 0, head = 0;
	__u32 zero = 0, size, part_at;
	bool tracked = false;

	if (!skb && !dev && !net)
		return 0;
	buf = bpf_map_lookup_elem(&scratch, &zero);
	if (!buf)
		return 0;
	if (skb) {
		read_layout(skb, &layout, btf, buf);
		head = layout.head;
		if (head)
			ti = tracking_entry(skb, &layout, &now, btf, &buf->track);
		view_packet(&layout, &view);
	}
	/* Packets already tracked pass without the filters: a packet keeps being followed after NAT,
	 * encapsulation or truncation changed what the filters would match. Without an skb nothing
	 * can be matched: a compiled filter refuses address 0. */
	if (!ti && !filters_pass(&view, layout.skb)) {
		count(&filtered, id);
		return 0;
	}
	if (!now)
		now = bpf_ktime_get_ns();

	/* Before the reservation: the id stays current even when the ring is full. */
	if ((sections & SEC_TRACK) && head && (ti || !track_existing_only)) {
		track(&buf->track, ti, &layout, now);
		tracked = true;
	}

	e = &buf->event;
	/* The packet bytes are written before they are sent, and only those are sent. */
	__builtin_memset(e, 0, RECORD_FIXED);

	e->timestamp = now;
	e->probe_id = id;
	e->skb = (__u64)skb;
	e->cpu = bpf_get_smp_processor_id();
	e->pid_tgid = bpf_get_current_pid_tgid();
	fill_comm(e, btf);
	e->flags = EV_HAS_TASK;

	if (tracked) {
		e->track_ts = buf->track.timestamp;
		e->orig_head = buf->track.orig_head;
		e->flags |= EV_HAS_TRACKING;
	}
	/* A device argument is the one the probe is about; else the skb's. */
	if (!dev && skb)
		dev = FIELD(btf, skb, dev);
	if ((sections & SEC_DEV) && dev)
		fill_dev(e, skb, dev, btf);
	if (sections & SEC_NETNS)
		fill_netns(e, skb, dev, net, btf);
	if (skb) {
		if (sections & SEC_PACKET) {
			fill_packet(e, &view);
			fill_vlan(e, skb, btf);
		}
		if (sections & SEC_META)
			fill_meta(e, skb, btf);
		if (sections & SEC_DATAREF)
			fill_dataref(e, skb, btf);
		if (sections & SEC_GSO)
			fill_gso(e, skb, btf);
	}
	if (reason_arg >= 0) {
		e->drop_reason = reason;
		e->flags |= EV_HAS_DROP;
	}
	/* The units' parts, in Units.ALL order. */
	part_at = part_offset(e->cap_len);
	if (nft) {
		fill_nft((void *)buf + part_at, nft);
		e->flags |= EV_HAS_NFT;
		part_at += sizeof(struct nft_part);
	}
	if ((sections & SEC_CT) && skb && fill_ct((void *)buf + part_at, skb)) {
		e->flags |= EV_HAS_CT;
		part_at += sizeof(struct ct_part);
	}
	if (!(e->flags & EV_CONTENT))
		return 0;
	if (sections & SEC_STACK) {
		e->stack_id = bpf_get_stackid(ctx, &stacks, 0);
		if (e->stack_id >= 0)
			e->flags |= EV_HAS_STACK;
	}

	/* The mask changes nothing (cap_len <= PACKET_CAPTURE_MAX) but shows the verifier the bound. */
	size = RECORD_FIXED + (e->cap_len & PACKET_CAPTURE_MAX);
	if (e->flags & (EV_HAS_NFT | EV_HAS_CT))
		size = part_at;
	if (bpf_ringbuf_output(&events, e, size, wakeup_flag(size)))
		count(&lost, id);
	return 0;
}

/* A tracepoint, as tp_btf: user space sets the target (the tracepoint's name) before load. */
SEC("tp_btf.patched")
int probe_skb(__u64 *ctx)
{
	return report(ctx, probe_id, arg_ptr(ctx, skb_arg), arg_ptr(ctx, dev_arg), arg_ptr(ctx, net_arg),
		      reason_arg >= 0 ? raw_arg(ctx, reason_arg) : 0, true, NULL);
}

/* The first five parameters of a probed function, as they were on entry. */
struct function_args {
	__u64 arg[5];
};

/* Parameter idx (0 to 4) of a, or 0 when idx is -1. The index is a constant to the verifier. */
static __always_inline __u64 function_arg(const struct function_args *a, __s32 idx)
{
	return idx >= 0 && idx < 5 ? a->arg[idx] : 0;
}

static __always_inline __u32 function_probe_id(struct pt_regs *ctx)
{
	return probe_id_from_cookie ? (__u32)bpf_get_attach_cookie(ctx) : probe_id;
}

SEC("kprobe.patched")
int probe_kprobe(struct pt_regs *ctx)
{
	return report(ctx, function_probe_id(ctx), (void *)regs_arg(ctx, skb_arg), (void *)regs_arg(ctx, dev_arg),
		      (void *)regs_arg(ctx, net_arg), regs_arg(ctx, reason_arg), false, NULL);
}

/* kprobe:__nft_trace_packet: the verdicts to report, of the packet in the nft_pktinfo. */
SEC("kprobe.patched")
int probe_nft(struct pt_regs *ctx)
{
	struct nft_hit hit = {};

	if (!nft_hit(ctx, &hit))
		return 0;
	return report(ctx, function_probe_id(ctx), hit.skb, NULL, NULL, 0, false, &hit);
}

/*
 * A kretprobe sees the registers at the return, where the parameters are gone: the entry half
 * saves them, keyed by the stack pointer at entry, which points at the return address. Unique
 * among the calls in flight: each one's return address has its own stack slot. Where the return
 * half finds it depends on how the kernel runs return probes: a kprobe_multi (fprobe) return
 * sees the stack after the return popped it (8 bytes above); a kretprobe's trampoline (rethook,
 * Debian 6.1) hands over the stack pointer of the entry. The return half looks in both places.
 */
#define KRETPROBE_INFLIGHT 4096

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KRETPROBE_INFLIGHT);
	__type(key, __u64);
	__type(value, struct function_args);
} kretprobe_args SEC(".maps");

SEC("kprobe")
int probe_kretprobe_entry(struct pt_regs *ctx)
{
	__u64 sp = PT_REGS_SP_CORE(ctx);
	struct function_args a;

	for (int i = 0; i < 5; i++)
		a.arg[i] = regs_arg(ctx, i);
	bpf_map_update_elem(&kretprobe_args, &sp, &a, BPF_ANY);
	return 0;
}

SEC("kprobe.patched")
int probe_kretprobe(struct pt_regs *ctx)
{
	__u64 sp = PT_REGS_SP_CORE(ctx) - 8;
	struct function_args *saved = bpf_map_lookup_elem(&kretprobe_args, &sp);
	int ret;

	if (!saved) {
		sp += 8;
		saved = bpf_map_lookup_elem(&kretprobe_args, &sp);
	}
	/* Attached after the entry half: calls already in flight then have nothing saved. */
	if (!saved)
		return 0;
	/* Reported from the saved copy itself (no second one on the stack, see regs_arg), then freed. */
	ret = report(ctx, function_probe_id(ctx), (void *)function_arg(saved, skb_arg),
		     (void *)function_arg(saved, dev_arg), (void *)function_arg(saved, net_arg),
		     function_arg(saved, reason_arg), false, NULL);
	bpf_map_delete_elem(&kretprobe_args, &sp);
	return ret;
}
