// SPDX-License-Identifier: GPL-2.0
/*
 * Asks the running kernel which network namespace is the initial one. Kernels up to 6.17 give
 * init_net an inode number allocated at boot, 6.18 a fixed one (PROC_NET_INIT_INO): neither can
 * be assumed, and /proc/1/ns/net may be out of reach (another PID namespace, no ptrace access).
 * User space loads this object once and runs the program with BPF_PROG_TEST_RUN, in its own
 * task: the return value is init_net.ns.inum.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

/* Deeper than any process tree: a task's ancestors, up to the idle task. */
#define MAX_ANCESTORS 256

/*
 * init_net is not reachable by name everywhere (kallsyms without data symbols, BTF describing
 * per-CPU variables only, as on this project's 6.18 machine), but every task descends from the
 * boot task, pid 0, whose nsproxy is init_nsproxy and whose net_ns is &init_net.
 */
SEC("raw_tp")
int init_netns_inum(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	for (int i = 0; i < MAX_ANCESTORS && task; i++) {
		if (BPF_CORE_READ(task, pid) == 0)
			return BPF_CORE_READ(task, nsproxy, net_ns, ns.inum);
		task = BPF_CORE_READ(task, real_parent);
	}
	return 0;
}
