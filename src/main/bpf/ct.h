/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ct collector's BPF part: the conntrack entry of the packet (skb->_nfct) as a struct
 * ct_part, written after a record's packet bytes and any nft part (event.h's part_offset) when the probe
 * has SEC_CT.
 * Java reads this layout in org.jretis.collector.ct.CtRecord, which a unit test checks against
 * this object's BTF: change both together.
 */
#ifndef JRETIS_CT_H
#define JRETIS_CT_H

#include <bpf/bpf_core_read.h>
#include "event.h"
#include "span.h"

/* include/linux/netfilter/nf_conntrack_common.h: _nfct holds the entry and its ctinfo. */
#define NFCT_INFOMASK 7UL
#define NFCT_PTRMASK (~NFCT_INFOMASK)
#define CT_NFPROTO_IPV4 2
#define CT_NFPROTO_IPV6 10
#define CT_IPPROTO_ICMPV6 58 /* a uapi #define, not in vmlinux.h */

/* ct_conn.flags */
#define CT_HAS_MARK (1 << 0) /* the kernel has nf_conn.mark (CONFIG_NF_CONNTRACK_MARK) */

/* One direction of a connection. Ports and ids in network order, as conntrack keeps them;
 * for ICMP sport holds the id and dport type << 8 | code. */
struct ct_tuple {
	__u8 src[16];        /*  0: IPv4 in the first 4 bytes */
	__u8 dst[16];        /* 16 */
	__u16 sport;         /* 32 */
	__u16 dport;         /* 34 */
	__u32 vtag;          /* 36: SCTP verification tag, network order */
};                           /* 40 */

struct ct_conn {
	__u64 status;        /*  0: enum ip_conntrack_status bits */
	__u32 mark;          /*  8 */
	__u16 zone_id;       /* 12 */
	__u8 zone_dir;       /* 14: NF_CT_ZONE_DIR_* bits, 0 when the kernel has no zones */
	__u8 l3;             /* 15: NFPROTO_IPV4 or NFPROTO_IPV6 */
	__u8 l4;             /* 16: IPPROTO_* */
	__u8 proto_state;    /* 17: enum tcp_conntrack / sctp_conntrack value */
	__u8 flags;          /* 18: CT_HAS_* */
	__u8 pad[5];         /* 19 */
	__u8 labels[16];     /* 24: connlabels bits, zero when none */
	struct ct_tuple orig;  /* 40 */
	struct ct_tuple reply; /* 80 */
};                           /* 120 */

struct ct_part {
	__u8 state;          /*   0: ctinfo (enum ip_conntrack_info) */
	__u8 has_parent;     /*   1: parent holds the master connection (related ones) */
	__u8 pad[6];         /*   2 */
	struct ct_conn conn;   /*   8 */
	struct ct_conn parent; /* 128 */
};                           /* 248 */

static __always_inline bool ct_supported(__u16 l3, __u8 l4)
{
	return (l3 == CT_NFPROTO_IPV4 || l3 == CT_NFPROTO_IPV6) &&
	       (l4 == IPPROTO_TCP || l4 == IPPROTO_UDP || l4 == IPPROTO_ICMP ||
		l4 == CT_IPPROTO_ICMPV6 || l4 == IPPROTO_SCTP);
}

/* ctnetlink_dump_labels(): the labels extension, when the kernel has one. */
static __always_inline void ct_labels(struct ct_conn *c, struct nf_ct_ext *ext)
{
	int id;
	__u8 offset;

	if (!bpf_core_enum_value_exists(enum nf_ct_ext_id, NF_CT_EXT_LABELS) || !ext)
		return;
	id = bpf_core_enum_value(enum nf_ct_ext_id, NF_CT_EXT_LABELS);
	if (bpf_probe_read_kernel(&offset, 1, (void *)ext + bpf_core_field_offset(ext->offset) + (id & 7)) || !offset)
		return;
	bpf_probe_read_kernel(c->labels, sizeof(c->labels), (void *)ext + offset);
}

/*
 * One direction of the connection, read in one helper call; its l3 and l4 protocols (those of
 * the original direction are the connection's). False when it cannot be read.
 */
static __always_inline bool ct_tuple(struct ct_tuple *t, struct nf_conntrack_tuple *k, __u16 *l3, __u8 *l4)
{
	__u64 buf[8]; /* 40 bytes on every kernel */

	if (bpf_core_type_size(struct nf_conntrack_tuple) > sizeof(buf) ||
	    bpf_probe_read_kernel(buf, bpf_core_type_size(struct nf_conntrack_tuple), k))
		return false;
	*l3 = FROM(buf, k, src, src.l3num);
	*l4 = FROM(buf, k, src, dst.protonum);
	__builtin_memcpy(t->src, &FROM(buf, k, src, src.u3), sizeof(t->src));
	__builtin_memcpy(t->dst, &FROM(buf, k, src, dst.u3), sizeof(t->dst));
	if (*l4 == IPPROTO_ICMP || *l4 == CT_IPPROTO_ICMPV6) {
		t->sport = FROM(buf, k, src, src.u.icmp.id);
		t->dport = (FROM(buf, k, src, dst.u.icmp.type) << 8) | FROM(buf, k, src, dst.u.icmp.code);
	} else {
		t->sport = FROM(buf, k, src, src.u.all);
		t->dport = FROM(buf, k, src, dst.u.all);
	}
	return true;
}

/*
 * Fills c from ct, six helper calls for the connection; false when conntrack tracks the packet
 * in a protocol Retis does not show. *master: the connection ct is related to, or NULL.
 */
static __always_inline bool ct_conn(struct ct_conn *c, struct nf_conn *ct, struct nf_conn **master)
{
	__u64 tail[4]; /* master, mark, secmark, ext: 24 bytes on every kernel */
	__u32 zone;
	__u16 l3;

	if (!ct_tuple(&c->orig, &ct->tuplehash[0].tuple, &l3, &c->l4) || !ct_supported(l3, c->l4))
		return false;
	c->l3 = l3;
	if (!ct_tuple(&c->reply, &ct->tuplehash[1].tuple, &l3, &c->l4))
		return false;
	c->status = BPF_CORE_READ(ct, status);
	if (bpf_core_field_exists(ct->zone) && SPAN(ct, zone, zone) <= sizeof(zone) && !READ_SPAN(&zone, ct, zone, zone)) {
		c->zone_dir = FROM(&zone, ct, zone, zone.dir);
		c->zone_id = FROM(&zone, ct, zone, zone.id);
	}
	if (SPAN(ct, master, ext) > sizeof(tail) || READ_SPAN(tail, ct, master, ext))
		return false;
	*master = FROM(tail, ct, master, master);
	if (bpf_core_field_exists(ct->mark)) {
		c->mark = FROM(tail, ct, master, mark);
		c->flags |= CT_HAS_MARK;
	}
	if (c->l4 == IPPROTO_TCP) {
		c->proto_state = BPF_CORE_READ(ct, proto.tcp.state);
	} else if (c->l4 == IPPROTO_SCTP) {
		c->proto_state = BPF_CORE_READ(ct, proto.sctp.state);
		c->orig.vtag = BPF_CORE_READ(ct, proto.sctp.vtag[0]);
		c->reply.vtag = BPF_CORE_READ(ct, proto.sctp.vtag[1]);
	}
	ct_labels(c, FROM(tail, ct, master, ext));
	return true;
}

/*
 * Writes the ct part of the packet's connection at p (zeroed here); false when the packet has
 * none (untracked, or not tracked yet) or one in an unsupported protocol.
 */
static __always_inline bool fill_ct(struct ct_part *p, struct sk_buff *skb)
{
	struct nf_conn *ct, *master;
	unsigned long nfct;

	if (!bpf_core_field_exists(skb->_nfct))
		return false;
	nfct = BPF_CORE_READ(skb, _nfct);
	ct = (struct nf_conn *)(nfct & NFCT_PTRMASK);
	if (!ct)
		return false;
	__builtin_memset(p, 0, sizeof(*p));
	if (!ct_conn(&p->conn, ct, &master))
		return false;
	p->state = nfct & NFCT_INFOMASK;
	if (master && ct_conn(&p->parent, master, &master))
		p->has_parent = 1;
	return true;
}

#endif /* JRETIS_CT_H */
