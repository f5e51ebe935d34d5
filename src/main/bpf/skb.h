/* SPDX-License-Identifier: GPL-2.0 */
/* sk_buff accessors shared by the objects. */
#ifndef JRETIS_SKB_H
#define JRETIS_SKB_H

#include <bpf/bpf_core_read.h>

/*
 * Field f of the kernel object at p. In tp_btf programs (btf true) the verifier knows p's type
 * from the tracepoint's BTF prototype, so the field is a plain load (its offset CO-RE relocated:
 * vmlinux.h marks every struct preserve_access_index); in raw_tp and kprobe programs p is a
 * number and the field is read with bpf_probe_read_kernel, some 30 ns a call. btf must be a
 * compile-time constant: the other branch is then compiled out.
 */
#define FIELD(btf, p, f) ((btf) ? (p)->f : BPF_CORE_READ(p, f))
#define BITFIELD(btf, p, f) ((btf) ? BPF_CORE_READ_BITFIELD(p, f) : BPF_CORE_READ_BITFIELD_PROBED(p, f))

/*
 * skb->head and skb->data as numbers. In a tp_btf program both are plain loads, but the verifier
 * types a loaded `unsigned char *` as memory of unknown size (6.18), which cannot be hashed into
 * a map key or compared as a number: stored into map memory (slot, a per-CPU slot of the caller's)
 * and loaded back they are numbers, as a map value keeps no pointer type (a privileged program may
 * store pointers there). Elsewhere one helper read: the two pointers are neighbours in every
 * sk_buff (checked against the kernel's BTF at load), one 16-byte read of aligned fields.
 */
struct skb_head_data {
	__u64 head;
	__u64 data;
};

static __always_inline struct skb_head_data skb_head_data(struct sk_buff *skb, const bool btf,
							  struct skb_head_data *slot)
{
	volatile struct skb_head_data *numbers = slot;
	struct skb_head_data hd = {};

	if (btf) {
		numbers->head = (__u64)skb->head;
		numbers->data = (__u64)skb->data;
		hd.head = numbers->head;
		hd.data = numbers->data;
	} else if (bpf_core_field_offset(skb->data) == bpf_core_field_offset(skb->head) + sizeof(__u64)) {
		bpf_probe_read_kernel(&hd, sizeof(hd), (void *)skb + bpf_core_field_offset(skb->head));
	} else {
		hd.head = (__u64)BPF_CORE_READ(skb, head);
		hd.data = (__u64)BPF_CORE_READ(skb, data);
	}
	return hd;
}

/* Low half of shinfo->dataref: every reference to the data (the high half counts payload-only ones). */
#define SKB_DATAREF_MASK 0xffff

static __always_inline bool skb_is_cloned(struct sk_buff *skb, const bool btf)
{
	return BITFIELD(btf, skb, cloned);
}

/* skb_shinfo(): the shared info sits at head + end (end is an offset on 64-bit kernels). A
 * computed address: its fields are read with helpers in any program. */
static __always_inline struct skb_shared_info *skb_shinfo_of(struct sk_buff *skb, const bool btf)
{
	return (struct skb_shared_info *)((__u64)BPF_CORE_READ(skb, head) + FIELD(btf, skb, end));
}

static __always_inline __u32 skb_dataref(struct sk_buff *skb, const bool btf)
{
	return BPF_CORE_READ(skb_shinfo_of(skb, btf), dataref.counter);
}

#endif /* JRETIS_SKB_H */
