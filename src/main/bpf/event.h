/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The record a probe writes into the ring buffer, one per probe hit.
 * Java mirrors this layout in org.jretis.collect.RawEventLayout: change both together.
 * Little-endian; fields are naturally aligned so no padding is implied. A record in the ring
 * stops after its cap_len bytes of data[]: its length is offsetof(data) + cap_len.
 */
#ifndef JRETIS_EVENT_H
#define JRETIS_EVENT_H

#define PACKET_CAPTURE_MAX 255
#define COMM_LEN 16
#define IFNAME_LEN 16
#define PROBE_MAX 1024

/* Which parts of a record hold data. */
#define EV_HAS_TASK      (1 << 0)
#define EV_HAS_TRACKING  (1 << 1)
#define EV_HAS_PACKET    (1 << 2)
#define EV_HAS_DEV       (1 << 3)
#define EV_HAS_NETNS     (1 << 4)
#define EV_HAS_COOKIE    (1 << 5) /* netns cookie known (kernel has net->net_cookie) */
#define EV_HAS_VLAN      (1 << 6) /* hardware-accelerated VLAN tag present */
#define EV_HAS_META      (1 << 7) /* skb meta fields filled (--skb-sections meta) */
#define EV_HAS_DATAREF   (1 << 8) /* skb data_ref fields filled */
#define EV_HAS_GSO       (1 << 9) /* skb gso fields filled */
#define EV_HAS_DROP      (1 << 10) /* drop reason filled */
#define EV_HAS_STACK     (1 << 11) /* stack_id is a valid stack map id */
#define EV_FAKE_ETH      (1 << 12) /* packet starts with a made-up Ethernet header */
#define EV_HAS_CT        (1 << 13) /* a struct ct_part (ct.h) follows the packet bytes */
#define EV_HAS_NFT       (1 << 14) /* a struct nft_part (nft.h) follows the packet bytes, before ct */

/* Which optional parts a probe fills, set per probe in .rodata before load. */
#define SEC_META    (1 << 0)
#define SEC_DATAREF (1 << 1)
#define SEC_GSO     (1 << 2)
#define SEC_STACK   (1 << 3)
#define SEC_PACKET  (1 << 4)
#define SEC_DEV     (1 << 5)
#define SEC_NETNS   (1 << 6)
#define SEC_TRACK   (1 << 7)
#define SEC_CT      (1 << 8)

struct retis_event {
	__u64 timestamp;     /*   0: bpf_ktime_get_ns(), CLOCK_MONOTONIC */
	__u64 skb;           /*   8: skb address */
	__u64 orig_head;     /*  16: tracking: skb->head when first seen */
	__u64 track_ts;      /*  24: tracking: first-seen timestamp */
	__u64 netns_cookie;  /*  32 */
	__u64 pid_tgid;      /*  40: bpf_get_current_pid_tgid() */
	__u32 netns_inum;    /*  48 */
	__u32 probe_id;      /*  52: index of the probe, as numbered by user space */
	__u32 cpu;           /*  56 */
	__u32 ifindex;       /*  60 */
	__u32 rx_ifindex;    /*  64: skb->skb_iif */
	__u32 pkt_len;       /*  68: packet length from the L2 header, fake one included */
	__u16 cap_len;       /*  72: bytes of data[] captured */
	__u16 flags;         /*  74: EV_* */
	__u16 vlan_tci;      /*  76 */
	__u16 vlan_proto;    /*  78: network order, as in the skb */
	char comm[COMM_LEN];      /*  80 */
	char ifname[IFNAME_LEN];  /*  96 */
	/* skb meta */
	__u32 meta_len;      /* 112 */
	__u32 data_len;      /* 116 */
	__u32 hash;          /* 120 */
	__u32 csum;          /* 124 */
	__u32 priority;      /* 128 */
	__u8 ip_summed;      /* 132 */
	__u8 csum_level;     /* 133 */
	/* skb data_ref */
	__u8 nohdr;          /* 134 */
	__u8 cloned;         /* 135 */
	__u8 fclone;         /* 136 */
	__u8 users;          /* 137 */
	__u8 dataref;        /* 138 */
	/* skb gso */
	__u8 gso_flags;      /* 139: low byte of shinfo->flags */
	__u8 gso_frags;      /* 140: shinfo->nr_frags */
	__u8 pad0[3];        /* 141 */
	__u32 gso_size;      /* 144 */
	__u32 gso_segs;      /* 148 */
	__u32 gso_type;      /* 152 */
	__u32 drop_reason;   /* 156: enum skb_drop_reason value */
	__s32 stack_id;      /* 160 */
	__u32 pad1;          /* 164 */
	__u8 data[256];      /* 168: packet bytes, cap_len of them */
};                           /* 424 */

/* Where a record's collector parts start: after its packet bytes, 8-byte aligned. */
static __always_inline __u32 part_offset(__u16 cap_len)
{
	return offsetof(struct retis_event, data) + (((cap_len & PACKET_CAPTURE_MAX) + 7) & ~7);
}

#endif /* JRETIS_EVENT_H */
