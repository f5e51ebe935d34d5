// SPDX-License-Identifier: GPL-2.0
/*
 * Test program for org.jretis.bpf and org.jretis.ring: on every packet received in one network
 * namespace, counts it in a per-CPU array and writes a record to a ring buffer. Its read-only
 * globals, of several sizes, also serve the BTF lookup tests (which only open the object).
 * Rebuild the committed object with `make -C src/test/bpf`.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

/* Only the fields read; CO-RE relocates them against the running kernel's BTF. */
struct ns_common {
	unsigned int inum;
} __attribute__((preserve_access_index));

struct net {
	struct ns_common ns;
} __attribute__((preserve_access_index));

typedef struct {
	struct net *net;
} __attribute__((preserve_access_index)) possible_net_t;

struct net_device {
	int ifindex;
	possible_net_t nd_net;
} __attribute__((preserve_access_index));

struct sk_buff {
	unsigned int len;
	struct net_device *dev;
} __attribute__((preserve_access_index));

const volatile __u32 target_netns = 0;
const volatile __u32 magic = 0x6a726574;
const volatile __u8 small = 7;
const volatile __s16 negative = -2;
const volatile __u64 wide = 0x0102030405060708ULL;

/* 20 bytes: the ring rounds each record up to 24 (8-byte header included: 32). */
struct test_record {
	__u32 magic;
	__u32 len;
	__u32 ifindex;
	__u32 netns;
	__u32 cpu;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

SEC("raw_tp/netif_receive_skb")
int on_receive(struct bpf_raw_tracepoint_args *ctx)
{
	struct sk_buff *skb = (struct sk_buff *)ctx->args[0];
	struct net_device *dev = BPF_CORE_READ(skb, dev);
	__u32 netns = BPF_CORE_READ(dev, nd_net.net, ns.inum);
	__u32 zero = 0;
	struct test_record *record;
	__u64 *count;

	if (netns != target_netns)
		return 0;
	count = bpf_map_lookup_elem(&hits, &zero);
	if (count)
		(*count)++;
	record = bpf_ringbuf_reserve(&events, sizeof(*record), 0);
	if (!record)
		return 0;
	record->magic = magic;
	record->len = BPF_CORE_READ(skb, len);
	record->ifindex = BPF_CORE_READ(dev, ifindex);
	record->netns = netns;
	record->cpu = bpf_get_smp_processor_id();
	bpf_ringbuf_submit(record, 0);
	return 0;
}

/*
 * Rejected by the verifier (it reads memory through a scalar), to test how a failed load is
 * reported. The "?" keeps it out of loads unless a test turns its autoload on.
 */
SEC("?raw_tp/netif_receive_skb")
int rejected(struct bpf_raw_tracepoint_args *ctx)
{
	return *(int *)ctx->args[0];
}

char LICENSE[] SEC("license") = "GPL";
