/* SPDX-License-Identifier: GPL-2.0 */
/* sk_buff accessors shared by the objects, all CO-RE reads. */
#ifndef JRETIS_SKB_H
#define JRETIS_SKB_H

#include <bpf/bpf_core_read.h>

/* Low half of shinfo->dataref: every reference to the data (the high half counts payload-only ones). */
#define SKB_DATAREF_MASK 0xffff

static __always_inline bool skb_is_cloned(struct sk_buff *skb)
{
	return BPF_CORE_READ_BITFIELD_PROBED(skb, cloned);
}

/* skb_shinfo(): the shared info sits at head + end (end is an offset on 64-bit kernels). */
static __always_inline struct skb_shared_info *skb_shinfo_of(struct sk_buff *skb)
{
	return (struct skb_shared_info *)(BPF_CORE_READ(skb, head) + BPF_CORE_READ(skb, end));
}

static __always_inline __u32 skb_dataref(struct sk_buff *skb)
{
	return BPF_CORE_READ(skb_shinfo_of(skb), dataref.counter);
}

#endif /* JRETIS_SKB_H */
