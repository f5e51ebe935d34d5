package org.jretis.event;

/** {@code tracking}: added by {@code sort}, the series' tracking info and the event's index in it. */
public record TrackingSection(SkbTrackingSection skb, int idx) {}
