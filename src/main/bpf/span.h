/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Runs of neighbouring kernel struct fields read with one helper call: each call costs as much
 * as the code around it. Offsets and sizes are CO-RE constants.
 */
#ifndef JRETIS_SPAN_H
#define JRETIS_SPAN_H

#include <bpf/bpf_core_read.h>

/* Bytes from field first to field last of *p, both included, with CO-RE offsets. */
#define SPAN(p, first, last) \
	(bpf_core_field_offset(p->last) + bpf_core_field_size(p->last) - bpf_core_field_offset(p->first))
/* Field f of *p from buf, a copy of *p starting at field first. */
#define FROM(buf, p, first, f) \
	(*(typeof(p->f) *)((void *)(buf) + (bpf_core_field_offset(p->f) - bpf_core_field_offset(p->first))))
/* Reads fields first to last of *p into buf in one helper call. */
#define READ_SPAN(buf, p, first, last) \
	bpf_probe_read_kernel(buf, SPAN(p, first, last), (void *)(p) + bpf_core_field_offset(p->first))

#endif /* JRETIS_SPAN_H */
