package org.jretis.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Kernel symbols from /proc/kallsyms, to name stack frames {@code sym+0xoff}. */
final class Kallsyms {
    private final long[] addresses;
    private final String[] names;

    private Kallsyms(long[] addresses, String[] names) {
        this.addresses = addresses;
        this.names = names;
    }

    static Kallsyms read() {
        record Symbol(long address, String name) {}
        Symbol[] symbols;
        try (Stream<String> lines = Files.lines(Path.of("/proc/kallsyms"))) {
            symbols = lines.map(line -> {
                int space = line.indexOf(' ');
                int nameStart = line.indexOf(' ', space + 1) + 1;
                int tab = line.indexOf('\t', nameStart);
                return new Symbol(Long.parseUnsignedLong(line.substring(0, space), 16),
                        tab < 0 ? line.substring(nameStart) : line.substring(nameStart, tab));
            }).filter(s -> s.address() != 0).sorted((a, b) -> Long.compareUnsigned(a.address(), b.address()))
                    .toArray(Symbol[]::new);
        } catch (IOException | RuntimeException e) {
            symbols = new Symbol[0];
        }
        return new Kallsyms(Arrays.stream(symbols).mapToLong(Symbol::address).toArray(),
                Arrays.stream(symbols).map(Symbol::name).toArray(String[]::new));
    }

    /** {@code name+0xoffset}, or the address in hex when no symbol covers it. */
    String describe(long address) {
        int lo = 0;
        int hi = addresses.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addresses[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return "0x" + Long.toHexString(address);
        }
        return names[found] + "+0x" + Long.toHexString(address - addresses[found]);
    }
}
