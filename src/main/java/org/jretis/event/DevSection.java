package org.jretis.event;

/**
 * {@code dev}: the device the packet is on.
 *
 * @param rxIfindex skb_iif when non-zero, else null
 */
public record DevSection(String name, int ifindex, Integer rxIfindex) {}
