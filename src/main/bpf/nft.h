/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The nft collector's BPF part: the nftables verdict seen by a kprobe on __nft_trace_packet, as
 * a struct nft_part written after a record's packet bytes (before any ct part). Only the
 * probe_nft program (probe.bpf.c) writes it. Java reads this layout in
 * org.jretis.collector.nft.NftRecord, which a unit test checks against this object's BTF:
 * change both together.
 *
 * __nft_trace_packet runs for every rule verdict and chain policy while the static key
 * nft_trace_enabled is on (some rule sets meta nftrace). Its prototype changed in 6.3:
 *   6.1:  (struct nft_traceinfo *info, const struct nft_chain *chain, enum nft_trace_types type),
 *         the packet, rule and verdict in info;
 *   6.12: (const struct nft_pktinfo *pkt, const struct nft_verdict *verdict,
 *          const struct nft_rule_dp *rule, struct nft_traceinfo *info, enum nft_trace_types type),
 *         the chain found after the chain's last rule, or info->basechain for a policy.
 * User space sets the parameter indexes below from the function's BTF prototype (nf_tables'
 * module BTF); CO-RE tells which layout the running kernel has.
 */
#ifndef JRETIS_NFT_H
#define JRETIS_NFT_H

#include <bpf/bpf_core_read.h>
#include "event.h"

#define NFT_NAME_LEN 128 /* as Retis: longer names are cut */
#define NFT_NO_RULE (-1LL)
/* Verdict codes run from NFT_RETURN (-5) to NF_REPEAT (4): bit code + 5 of nft_verdicts. */
#define NFT_VERDICT_BIAS 5
#define NFT_RULES_MAX 1024 /* bound of the walk to a chain's end; no meaning beyond that */

struct nft_part {
	char table_name[NFT_NAME_LEN];         /*   0 */
	char chain_name[NFT_NAME_LEN];         /* 128 */
	char verdict_chain_name[NFT_NAME_LEN]; /* 256: the jump or goto target */
	__s64 table_handle;                    /* 384 */
	__s64 chain_handle;                    /* 392 */
	__s64 rule_handle;                     /* 400: NFT_NO_RULE when none */
	__s32 verdict;                         /* 408: NF_* / NFT_* verdict code */
	__u8 policy;                           /* 412: the chain's policy, no rule matched */
	__u8 pad[3];                           /* 413 */
};                                             /* 416 */

/* Parameter indexes of __nft_trace_packet, -1 when the kernel's prototype has none. */
const volatile __s32 nft_pkt_arg = -1;     /* const struct nft_pktinfo * */
const volatile __s32 nft_info_arg = -1;    /* struct nft_traceinfo * */
const volatile __s32 nft_chain_arg = -1;   /* const struct nft_chain * */
const volatile __s32 nft_rule_arg = -1;    /* const struct nft_rule_dp * */
const volatile __s32 nft_verdict_arg = -1; /* const struct nft_verdict * */
const volatile __s32 nft_type_arg = -1;    /* enum nft_trace_types */
/* Bit code + NFT_VERDICT_BIAS set for each verdict to report (--nft-verdicts). */
const volatile __u64 nft_verdicts = 0;

/* Up to 6.2: the packet, rule and verdict were in nft_traceinfo. */
struct nft_traceinfo___6_1 {
	const struct nft_pktinfo *pkt;
	const struct nft_rule_dp *rule;
	const struct nft_verdict *verdict;
} __attribute__((preserve_access_index));

/* What one call of __nft_trace_packet is about. */
struct nft_hit {
	struct nft_traceinfo *info;
	const struct nft_chain *chain;
	const struct nft_rule_dp *rule; /* NULL for a policy */
	const struct nft_verdict *verdict;
	struct sk_buff *skb;
	__s32 code;
	__u32 type; /* enum nft_trace_types */
};

/* From 6.4 a chain's rules end with a struct nft_rule_dp_last that points back at the chain. */
static __always_inline const struct nft_chain *nft_chain_after(const struct nft_rule_dp *rule)
{
	for (int i = 0; i < NFT_RULES_MAX; i++) {
		if (BPF_CORE_READ_BITFIELD_PROBED(rule, is_last))
			return BPF_CORE_READ((struct nft_rule_dp_last *)rule, chain);
		rule = (void *)rule + bpf_core_type_size(struct nft_rule_dp) + BPF_CORE_READ_BITFIELD_PROBED(rule, dlen);
	}
	return NULL;
}

/*
 * Reads the call's arguments (regs_arg, probe.bpf.c) and says whether its verdict is one to
 * report: a policy's is the base chain's policy, a rule's the verdict it set. The CO-RE reads
 * start from local pointers: a read through hit->x would relocate struct nft_hit too.
 */
static __always_inline bool nft_hit(struct pt_regs *ctx, struct nft_hit *hit)
{
	struct nft_traceinfo *info = (void *)regs_arg(ctx, nft_info_arg);
	struct nft_traceinfo___6_1 *old = (void *)info;
	const struct nft_verdict *verdict;
	const struct nft_pktinfo *pkt;
	const struct nft_rule_dp *rule;
	const struct nft_chain *chain;

	if (!info)
		return false;
	if (bpf_core_field_exists(old->pkt)) {
		pkt = BPF_CORE_READ(old, pkt);
		rule = BPF_CORE_READ(old, rule);
		verdict = BPF_CORE_READ(old, verdict);
		chain = (void *)regs_arg(ctx, nft_chain_arg);
	} else {
		pkt = (void *)regs_arg(ctx, nft_pkt_arg);
		rule = (void *)regs_arg(ctx, nft_rule_arg);
		verdict = (void *)regs_arg(ctx, nft_verdict_arg);
		chain = rule ? nft_chain_after(rule)
			: (void *)BPF_CORE_READ(info, basechain) + bpf_core_field_offset(struct nft_base_chain, chain);
	}
	if (!chain)
		return false;
	hit->info = info;
	hit->chain = chain;
	hit->rule = rule;
	hit->verdict = verdict;
	hit->type = regs_arg(ctx, nft_type_arg);
	hit->code = hit->type == NFT_TRACETYPE_POLICY ? BPF_CORE_READ(info, basechain, policy)
		: BPF_CORE_READ(verdict, code);
	hit->skb = pkt ? BPF_CORE_READ(pkt, skb) : NULL;
	return hit->code >= -NFT_VERDICT_BIAS && hit->code < 64 - NFT_VERDICT_BIAS &&
	       (nft_verdicts & (1ULL << (hit->code + NFT_VERDICT_BIAS)));
}

/* The rule's handle; none for a policy, a rule list's end, or a return that continues. */
static __always_inline __s64 nft_rule_handle(const struct nft_hit *hit)
{
	const struct nft_rule_dp *rule = hit->rule;

	if (!rule || hit->type == NFT_TRACETYPE_POLICY || BPF_CORE_READ_BITFIELD_PROBED(rule, is_last) ||
	    (hit->type == NFT_TRACETYPE_RETURN && hit->code == NFT_CONTINUE))
		return NFT_NO_RULE;
	return BPF_CORE_READ_BITFIELD_PROBED(rule, handle);
}

static __always_inline void fill_nft(struct nft_part *p, const struct nft_hit *hit)
{
	const struct nft_chain *chain = hit->chain;
	const struct nft_verdict *verdict = hit->verdict;
	const struct nft_table *table = BPF_CORE_READ(chain, table);

	bpf_probe_read_kernel_str(p->table_name, sizeof(p->table_name), BPF_CORE_READ(table, name));
	bpf_probe_read_kernel_str(p->chain_name, sizeof(p->chain_name), BPF_CORE_READ(chain, name));
	p->verdict_chain_name[0] = 0;
	if (hit->type != NFT_TRACETYPE_POLICY && (hit->code == NFT_JUMP || hit->code == NFT_GOTO))
		bpf_probe_read_kernel_str(p->verdict_chain_name, sizeof(p->verdict_chain_name),
					  BPF_CORE_READ(verdict, chain, name));
	p->table_handle = BPF_CORE_READ(table, handle);
	p->chain_handle = BPF_CORE_READ(chain, handle);
	p->rule_handle = nft_rule_handle(hit);
	p->verdict = hit->code;
	p->policy = hit->type == NFT_TRACETYPE_POLICY;
}

#endif /* JRETIS_NFT_H */
