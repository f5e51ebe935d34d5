package org.jretis.event;

/**
 * {@code packet}: the first bytes of the packet, from its Ethernet header.
 *
 * @param len        length of the whole packet from its L2 header
 * @param captureLen bytes captured (at most 255)
 * @param data       captured bytes; not copied, do not modify
 */
public record PacketSection(int len, int captureLen, byte[] data) {}
