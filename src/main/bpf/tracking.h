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

/*
 * Which slots hold an entry, a byte each: what tracking_find and tracking_forget look at first. kmem:kfree and
 * kmem:kmem_cache_free run for every object the kernel frees, mostly not heads: these 64 KiB
 * stay in the CPU's cache, where the lines of a 3 MiB table do not (a miss cost
 * kmem_cache_free's program ~70 ns a run). A byte is set after its slot's key is written and
 * cleared before the key is, so a slot with a key is never marked unused (see tracking_forget).
 */
struct tracking_used {
	__u8 slot[TRACKING_SLOTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tracking_used);
} tracking_used SEC(".maps");

/* Live entries (seen less than TRACKING_MAX_AGE_NS before) overwritten by another key's, per CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tracking_evicted SEC(".maps");

#define GOLDEN64 0x9E3779B97F4A7C15ULL

/* The slot index of a key: a multiplicative hash, since heads are aligned and share their low bits. */
static __always_inline __u32 tracking_index(__u64 key)
{
	return (key * GOLDEN64) >> (64 - TRACKING_BITS);
}

/* The used byte of slot index. */
static __always_inline volatile __u8 *tracking_used_byte(__u32 index)
{
	__u32 zero = 0;
	struct tracking_used *used = bpf_map_lookup_elem(&tracking_used, &zero);

	return used ? &used->slot[index & (TRACKING_SLOTS - 1)] : NULL;
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
#define WRITE_ONCE_U64(p, v) (*(volatile __u64 *)&(p) = (v))

/*
 * The entry of key (not 0), copied into found; NULL when there is none, or when another CPU was
 * writing the slot meanwhile. Each field is loaded once (volatile): the check and the caller
 * see the same values.
 */
static __always_inline struct tracking_info *tracking_find(__u64 key, struct tracking_info *found)
{
	__u32 index = tracking_index(key);
	volatile __u8 *used;
	struct tracking_info *slot;

	if (!key)
		return NULL;
	/* A new packet's head, or one the filters refuse, mostly has an unused slot: the table's
	 * line, likely out of the cache, is not touched. */
	used = tracking_used_byte(index);
	if (!used || !*used)
		return NULL;
	slot = bpf_map_lookup_elem(&tracking, &index);
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
	__u32 index = tracking_index(key);
	struct tracking_info *slot = bpf_map_lookup_elem(&tracking, &index);
	volatile __u8 *used = tracking_used_byte(index);
	__u64 old;

	if (!slot || !used)
		return NULL;
	old = READ_ONCE_U64(slot->key);
	if (old && old != key && (__s64)(id->last_seen - slot->last_seen) < (__s64)TRACKING_MAX_AGE_NS) {
		__u32 zero = 0;
		__u64 *evicted = bpf_map_lookup_elem(&tracking_evicted, &zero);

		if (evicted)
			(*evicted)++;
	}
	WRITE_ONCE_U64(slot->key, key);
	slot->timestamp = id->timestamp;
	slot->orig_head = id->orig_head;
	slot->skb = id->skb;
	slot->last_seen = id->last_seen;
	slot->check = tracking_check(key, id->timestamp, id->orig_head, id->skb);
	*used = 1;
	return slot;
}

/*
 * Removes key's entry, if the slot holds it. Unused slots cost no look at the table. The used
 * byte is cleared before the key, and tracking_put sets it after writing its key: whatever the
 * interleaving with puts of other keys on other CPUs, a slot left with a key is left used. (A
 * put of this same key cannot race: its head is being freed.)
 */
static __always_inline void tracking_forget(__u64 key)
{
	__u32 index = tracking_index(key);
	volatile __u8 *used;
	struct tracking_info *slot;

	if (!key)
		return;
	used = tracking_used_byte(index);
	if (!used || !*used)
		return;
	slot = bpf_map_lookup_elem(&tracking, &index);
	if (slot && READ_ONCE_U64(slot->key) == key) {
		*used = 0;
		WRITE_ONCE_U64(slot->key, 0);
	}
}

#endif /* JRETIS_TRACKING_H */
