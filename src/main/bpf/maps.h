/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Maps shared by every probe object. User space creates them once (with the first probe it
 * loads) and hands them to the other objects with bpf_map__reuse_fd, so every object must
 * declare them exactly like this.
 */
#ifndef JRETIS_MAPS_H
#define JRETIS_MAPS_H

#include "event.h"
#include "tracking.h"

#define STACK_MAX 4096
#define STACK_DEPTH 127

/* Records for user space. User space sets max_entries (a power of two and a page multiple)
 * before load; the default only makes the object loadable as it is. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20);
} events SEC(".maps");

/* Records a probe could not write because the ring was full, per probe id. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PROBE_MAX);
	__type(key, __u32);
	__type(value, __u64);
} lost SEC(".maps");

/* Packets a probe's filters turned away (no record reserved for them), per probe id. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PROBE_MAX);
	__type(key, __u32);
	__type(value, __u64);
} filtered SEC(".maps");

/* Kernel stacks of the probes asked for one (SEC_STACK). */
struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, STACK_MAX);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, STACK_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

#endif /* JRETIS_MAPS_H */
