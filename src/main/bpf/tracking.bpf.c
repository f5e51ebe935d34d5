// SPDX-License-Identifier: GPL-2.0
/*
 * Forgets a packet's tracking entry when its data (skb->head) is freed, so that a new packet
 * given the same head (slab reuse is LIFO) starts a new id. Two schemes; user space loads one.
 *
 * Where the kernel has kprobes, as Retis: kprobes on the functions that free or move a head
 * (skb_free_head, kfree_skb_partial with the head stolen, pskb_expand_head), programs
 * track_skb_free_head, track_kfree_skb_partial and track_pskb_expand_head.
 *
 * Elsewhere (no kprobes, as on this project's 6.18 machine) the programs listen to what is
 * observable with tracepoints (BTF tracepoints, tp_btf):
 * an skb's last reference going (skb:consume_skb, skb:kfree_skb) and the memory itself being
 * freed (kmem:kfree, kmem:kmem_cache_free), which also covers paths without skb tracepoints
 * such as TCP's __kfree_skb. Attach these after the probes: programs on one tracepoint run in
 * attach order, so a probe on skb:kfree_skb still sees the entry it reports.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "tracking.h"
#include "skb.h"

char LICENSE[] SEC("license") = "GPL";

/*
 * The last reference to an skb went; its data goes with it unless a clone still shares it.
 * Only a head carved from a page fragment (head_frag) needs this: a kmalloc'd head is freed
 * through kfree or kmem_cache_free, whose programs forget it then (one program run fewer that
 * reads the shared info). tp_btf programs: the skb's fields are plain loads (see FIELD in skb.h),
 * but for head, a number.
 */
static __always_inline void skb_released(struct sk_buff *skb)
{
	if (!BITFIELD(true, skb, head_frag))
		return;
	if (skb_is_cloned(skb, true) && (skb_dataref(skb, true) & SKB_DATAREF_MASK) > 1)
		return;
	tracking_forget((__u64)BPF_CORE_READ(skb, head));
}

/* consume_skb(skb, location) */
SEC("tp_btf/consume_skb")
int BPF_PROG(track_consume_skb, struct sk_buff *skb)
{
	skb_released(skb);
	return 0;
}

/* kfree_skb(skb, location, reason, rx_sk) */
SEC("tp_btf/kfree_skb")
int BPF_PROG(track_kfree_skb, struct sk_buff *skb)
{
	skb_released(skb);
	return 0;
}

/* kfree(call_site, ptr): for every object the kernel frees, several times a packet (kfree(NULL)
 * too: the tracepoint comes before the check); tracking_forget is a compare for all but heads. */
SEC("tp_btf/kfree")
int BPF_PROG(track_kfree, unsigned long call_site, const void *ptr)
{
	tracking_forget((__u64)ptr);
	return 0;
}

/* kmem_cache_free(call_site, ptr, cache) */
SEC("tp_btf/kmem_cache_free")
int BPF_PROG(track_kmem_cache_free, unsigned long call_site, const void *ptr)
{
	tracking_forget((__u64)ptr);
	return 0;
}

/* skb_free_head(skb): the data goes. */
SEC("kprobe")
int BPF_KPROBE(track_skb_free_head, struct sk_buff *skb)
{
	tracking_forget((__u64)BPF_CORE_READ(skb, head));
	return 0;
}

/* kfree_skb_partial(skb, head_stolen): a stolen head now belongs to another skb's fragments;
 * one not stolen is freed later through skb_free_head. */
SEC("kprobe")
int BPF_KPROBE(track_kfree_skb_partial, struct sk_buff *skb, bool head_stolen)
{
	if (head_stolen)
		tracking_forget((__u64)BPF_CORE_READ(skb, head));
	return 0;
}

/*
 * pskb_expand_head(skb, ...): the data moves to a new head, unknown yet. The entry is copied
 * under the skb's own address, where the next probe hit finds it and moves it to the new head
 * (probe.bpf.c, tracking_entry); the old head's entry goes when skb_free_head frees it.
 */
SEC("kprobe")
int BPF_KPROBE(track_pskb_expand_head, struct sk_buff *skb)
{
	struct tracking_info id;

	if (tracking_find((__u64)BPF_CORE_READ(skb, head), &id))
		tracking_put((__u64)skb, &id);
	return 0;
}
