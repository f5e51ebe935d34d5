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

/*
 * A counting filter over the tracking map's keys: slot tracked_slot(key) holds at least the
 * number of entries whose key falls into it (incremented before an entry is written, decremented
 * after a delete that removed one; a replaced or evicted entry leaves the count one too high,
 * which costs a needless lookup, never a missed one). kmem:kfree runs for every object the
 * kernel frees, several times a packet: a zero slot spares it the hash lookup. An array lookup
 * is inlined by the verifier: a few instructions, on 16 KiB that stay in the CPU's cache (a
 * 256 KiB array cost kfree's program about as much as the hash lookup it spares).
 */
#define TRACKED_SLOTS 4096

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, TRACKED_SLOTS);
	__type(key, __u32);
	__type(value, __u32);
} tracked_slots SEC(".maps");

/* The slot of a key: a multiplicative hash, since heads are aligned and share their low bits. */
static __always_inline __u32 *tracked_slot(__u64 key)
{
	__u32 slot = (key * 0x9E3779B97F4A7C15ULL) >> (64 - 12);

	return bpf_map_lookup_elem(&tracked_slots, &slot);
}

/* Whether an entry may exist under key. */
static __always_inline bool maybe_tracked(__u64 key)
{
	__u32 *slot = tracked_slot(key);

	return slot && *slot != 0;
}

/* Writes key's entry, counting it first: a concurrent free then looks it up rather than skip it. */
static __always_inline void tracking_put(__u64 key, struct tracking_info *ti)
{
	__u32 *slot = tracked_slot(key);

	if (!slot)
		return;
	__sync_fetch_and_add(slot, 1);
	bpf_map_update_elem(&tracking, &key, ti, BPF_ANY);
}

/* Deletes key's entry, if the counts say there may be one. */
static __always_inline void tracking_forget(__u64 key)
{
	__u32 *slot = tracked_slot(key);

	if (!slot || *slot == 0)
		return;
	if (bpf_map_delete_elem(&tracking, &key) == 0)
		__sync_fetch_and_add(slot, -1);
}

#endif /* JRETIS_TRACKING_H */
