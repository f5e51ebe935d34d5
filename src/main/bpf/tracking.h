/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The skb tracking map, shared by probe.bpf.c (which creates and reuses entries) and
 * tracking.bpf.c (which removes them when a packet's data is freed). User space loads both
 * objects with one map (bpf_map__reuse_fd), so this declaration must stay the same in both.
 */
#ifndef JRETIS_TRACKING_H
#define JRETIS_TRACKING_H

#define TRACKING_MAX 65536

/* An entry not seen for this long is stale: a new packet that reuses its head gets a new id. */
#define TRACKING_MAX_AGE_NS (10ULL * 1000 * 1000 * 1000)

/* Tracking id of the packet whose data starts at the key (skb->head). */
struct tracking_info {
	__u64 timestamp; /* when the packet was first seen: half of its id */
	__u64 orig_head; /* skb->head when first seen: the other half */
	__u64 skb;       /* the skb that created the entry */
	__u64 last_seen;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, TRACKING_MAX);
	__type(key, __u64);
	__type(value, struct tracking_info);
} tracking SEC(".maps");

#endif /* JRETIS_TRACKING_H */
