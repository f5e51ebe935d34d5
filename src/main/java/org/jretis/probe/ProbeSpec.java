package org.jretis.probe;

/**
 * A probe as the user wrote it, {@code [TYPE:]TARGET[/stack]}, parsed as Retis parses it: no TYPE
 * and no colon means a kprobe; an unknown TYPE with exactly one colon in the whole string means a
 * raw tracepoint ({@code skb:kfree_skb}); a tracepoint target is {@code GROUP:NAME}; targets may
 * hold {@code *} wildcards; the only option is {@code stack}.
 *
 * @param target {@code GROUP:NAME} for tracepoints, a function name otherwise; may hold {@code *}
 * @param stack  collect the kernel stack at this probe
 */
public record ProbeSpec(ProbeType type, String target, boolean stack) {

    public static ProbeSpec parse(String probe) throws InvalidProbeException {
        String[] parts = probe.split("/", -1);
        boolean stack = false;
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i]) {
                case "stack" -> {
                    if (stack) {
                        throw new InvalidProbeException("Invalid probe " + probe + ": option stack given twice");
                    }
                    stack = true;
                }
                case "" -> throw new InvalidProbeException("Invalid probe " + probe + ": empty option");
                default -> throw new InvalidProbeException("Invalid probe option " + parts[i] + " in " + probe);
            }
        }
        String spec = parts[0];
        int colon = spec.indexOf(':');
        ProbeType type;
        String target;
        if (colon < 0) {
            type = ProbeType.KPROBE;
            target = spec;
        } else {
            type = ProbeType.fromPrefix(spec.substring(0, colon));
            target = spec.substring(colon + 1);
            if (type == null) {
                if (spec.chars().filter(c -> c == ':').count() != 1) {
                    throw new InvalidProbeException("Invalid TYPE " + spec.substring(0, colon) + ". See the help.");
                }
                type = ProbeType.RAW_TRACEPOINT;
                target = spec;
            }
        }
        validateTarget(probe, type, target);
        return new ProbeSpec(type, target, stack);
    }

    private static void validateTarget(String probe, ProbeType type, String target) throws InvalidProbeException {
        if (target.isEmpty()) {
            throw new InvalidProbeException("Invalid probe " + probe + ": no target");
        }
        if (type == ProbeType.RAW_TRACEPOINT) {
            // A wildcard may stand for the colon too (tp:*skb*); otherwise GROUP:NAME is due.
            int colon = target.indexOf(':');
            boolean wildcardOnly = colon < 0 && target.indexOf('*') >= 0;
            if (!wildcardOnly && (colon <= 0 || colon == target.length() - 1 || target.indexOf(':', colon + 1) >= 0)) {
                throw new InvalidProbeException("Invalid tracepoint " + target + " in " + probe
                        + ": expected GROUP:NAME");
            }
            checkName(probe, target.replace(":", ""));
        } else {
            if (target.indexOf(':') >= 0) {
                throw new InvalidProbeException("Invalid probe " + probe + ": a " + type.jsonName()
                        + " target is a function name");
            }
            checkName(probe, target);
        }
    }

    private static void checkName(String probe, String name) throws InvalidProbeException {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '*' || c == '.' || c == '-')) {
                throw new InvalidProbeException("Invalid probe " + probe + ": unexpected character '" + c + "'");
            }
        }
    }

    public boolean hasWildcard() {
        return target.indexOf('*') >= 0;
    }

    /** Retis' display form: {@code tp:net:netif_rx}, {@code kprobe:ip_rcv}. */
    @Override
    public String toString() {
        String prefix = type == ProbeType.RAW_TRACEPOINT ? "tp" : type.jsonName();
        return prefix + ":" + target + (stack ? "/stack" : "");
    }
}
