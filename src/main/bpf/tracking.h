/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The skb tracking table, shared by probe.bpf.c (which creates and reuses entries) and
 * tracking.bpf.c (which removes them when a packet's data is freed). User space loads both
 * objects with one map (bpf_map__reuse_fd), so these declarations must stay the same in both.
 *
 * A direct-mapped table in an ARRAY map: a key (skb->head) has one slot, chosen by a
 * multiplicative hash. An array lookup is inlined by the verifier, so finding, writing and
 * forgetting an entry are a few instructions and one cache line, where a hash map's update and
 * delete cost 100 to 250 ns a call; kmem:kfree's check, which runs for every object the kernel
 * frees, is one compare.
 *
 * Two keys in one slot: the later entry evicts the earlier, whose packet then gets a new id at
 * its next probe (as an LRU map's eviction did). Evictions of entries seen less than
 * TRACKING_MAX_AGE_NS ago are counted in tracking_evicted.
 *
 * Entries are written and read without locks by every CPU. An entry's check word covers its key
 * and what makes the id (timestamp, orig_head, skb): a reader that raced with a writer and saw
 * fields of two entries finds the check wrong and treats the slot as empty (a missed id, never a
 * wrong one). last_seen is outside it: readers update it, and a torn one only moves an age.
 */
#ifndef JRETIS_TRACKING_H
#define JRETIS_TRACKING_H

#define TRACKING_BITS 16
#define TRACKING_SLOTS (1 << TRACKING_BITS) /* 48 bytes each: 3 MiB */

/* An entry not seen for this long is stale: a new packet that reuses its head gets a new id. */
#define TRACKING_MAX_AGE_NS (10ULL * 1000 * 1000 * 1000)

struct tracking_info {
	__u64 key;       /* skb->head (kprobe scheme: also an skb's address, see tracking.bpf.c); 0: free */
	__u64 timestamp; /* when the packet was first seen: half of its id */
	__u64 orig_head; /* skb->head when first seen: the other half */
	__u64 skb;       /* the skb that created the entry */
	__u64 last_seen;
	__u64 check;     /* tracking_check of the fields above but last_seen */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, TRACKING_SLOTS);
	__type(key, __u32);
	__type(value, struct tracking_info);
} tracking SEC(".maps");

/* Live entries (seen less than TRACKING_MAX_AGE_NS before) overwritten by another key's, per CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tracking_evicted SEC(".maps");

#define GOLDEN64 0x9E3779B97F4A7C15ULL

/* The slot of a key: a multiplicative hash, since heads are aligned and share their low bits. */
static __always_inline struct tracking_info *tracking_slot(__u64 key)
{
	__u32 index = (key * GOLDEN64) >> (64 - TRACKING_BITS);

	return bpf_map_lookup_elem(&tracking, &index);
}

/* Mixes the fields a reader must see from one entry; multiplications by an odd constant, so a
 * mixture of two entries' fields matches either's check only by a 2^-64 chance. */
static __always_inline __u64 tracking_check(__u64 key, __u64 timestamp, __u64 orig_head, __u64 skb)
{
	__u64 h = key * GOLDEN64;

	h = (h ^ timestamp) * GOLDEN64;
	h = (h ^ orig_head) * GOLDEN64;
	h = (h ^ skb) * GOLDEN64;
	return h ^ (h >> 32);
}

#define READ_ONCE_U64(p) (*(volatile __u64 *)&(p))

/*
 * The entry of key (not 0), copied into found; NULL when there is none, or when another CPU was
 * writing the slot meanwhile. Each field is loaded once (volatile): the check and the caller
 * see the same values.
 */
static __always_inline struct tracking_info *tracking_find(__u64 key, struct tracking_info *found)
{
	struct tracking_info *slot;

	if (!key)
		return NULL;
	slot = tracking_slot(key);
	if (!slot || READ_ONCE_U64(slot->key) != key)
		return NULL;
	found->key = key;
	found->timestamp = READ_ONCE_U64(slot->timestamp);
	found->orig_head = READ_ONCE_U64(slot->orig_head);
	found->skb = READ_ONCE_U64(slot->skb);
	found->last_seen = READ_ONCE_U64(slot->last_seen);
	found->check = READ_ONCE_U64(slot->check);
	if (READ_ONCE_U64(slot->key) != key ||
	    found->check != tracking_check(key, found->timestamp, found->orig_head, found->skb))
		return NULL;
	return slot;
}

/* Writes id's entry under key; id->last_seen is the time of the write. */
static __always_inline struct tracking_info *tracking_put(__u64 key, const struct tracking_info *id)
{
	struct tracking_info *slot = tracking_slot(key);
	__u64 old;

	if (!slot)
		return NULL;
	old = READ_ONCE_U64(slot->key);
	if (old && old != key && (__s64)(id->last_seen - slot->last_seen) < (__s64)TRACKING_MAX_AGE_NS) {
		__u32 zero = 0;
		__u64 *evicted = bpf_map_lookup_elem(&tracking_evicted, &zero);

		if (evicted)
			(*evicted)++;
	}
	slot->key = key;
	slot->timestamp = id->timestamp;
	slot->orig_head = id->orig_head;
	slot->skb = id->skb;
	slot->last_seen = id->last_seen;
	slot->check = tracking_check(key, id->timestamp, id->orig_head, id->skb);
	return slot;
}

/* Removes key's entry, if the slot holds it. */
static __always_inline void tracking_forget(__u64 key)
{
	struct tracking_info *slot;

	if (!key)
		return;
	slot = tracking_slot(key);
	if (slot && READ_ONCE_U64(slot->key) == key)
		slot->key = 0;
}

#endif /* JRETIS_TRACKING_H */
