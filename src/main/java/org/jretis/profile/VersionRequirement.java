package org.jretis.profile;

import java.util.ArrayList;
import java.util.List;

/** A kernel version requirement such as {@code ">=3.5.5, <6"}: comma-separated comparisons, all due. */
record VersionRequirement(List<Comparison> comparisons) {

    record Comparison(String op, int[] version) {}

    static VersionRequirement parse(String text) {
        List<Comparison> list = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            int i = 0;
            while (i < p.length() && "<>=!".indexOf(p.charAt(i)) >= 0) {
                i++;
            }
            String op = i == 0 ? "=" : p.substring(0, i);
            if (!List.of("=", "==", "!=", ">", ">=", "<", "<=").contains(op)) {
                throw new ProfileException("invalid version requirement `" + text + "`");
            }
            list.add(new Comparison(op, numbers(p.substring(i).strip(), text)));
        }
        return new VersionRequirement(list);
    }

    boolean matches(String release) {
        int[] version = numbers(release, release);
        for (Comparison c : comparisons) {
            int cmp = compare(version, c.version());
            boolean ok = switch (c.op()) {
                case "=", "==" -> cmp == 0;
                case "!=" -> cmp != 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                default -> cmp <= 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Leading dotted numbers of a version: {@code 6.18.44-fc} → [6, 18, 44]. */
    private static int[] numbers(String text, String context) {
        List<Integer> parts = new ArrayList<>();
        for (String piece : text.split("\\.")) {
            int end = 0;
            while (end < piece.length() && Character.isDigit(piece.charAt(end))) {
                end++;
            }
            if (end == 0) {
                break;
            }
            parts.add(Integer.parseInt(piece.substring(0, end)));
            if (end < piece.length()) {
                break;
            }
        }
        if (parts.isEmpty()) {
            throw new ProfileException("invalid version `" + context + "`");
        }
        return parts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Compares as semver does, missing parts counting as 0. */
    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
