package org.jretis.event;

/**
 * {@code skb-drop}: why the kernel dropped a packet.
 *
 * @param subsys     null for the core reasons, else e.g. {@code openvswitch}
 * @param dropReason e.g. {@code NO_SOCKET}
 */
public record SkbDropSection(String subsys, String dropReason) {}
