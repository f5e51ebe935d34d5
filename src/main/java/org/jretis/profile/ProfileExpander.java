package org.jretis.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jretis.log.Log;

/**
 * Applies profiles as Retis does: the arguments of the first matching flavor of each profile, in
 * alphabetical order of their names, are appended to the user's command line as
 * {@code --name value} ({@code _} in names becoming {@code -}).
 */
public final class ProfileExpander {

    private ProfileExpander() {}

    public static List<String> expand(List<String> profiles, Path extraDir, String subcommand) {
        return expand(profiles, new ProfileStore(extraDir), new KernelConditions(), subcommand);
    }

    static List<String> expand(List<String> profiles, ProfileStore store, KernelConditions kernel, String subcommand) {
        if (!"collect".equals(subcommand) && !"pcap".equals(subcommand)) {
            throw new ProfileException("Subcommand " + subcommand + " does not support profile enhancement");
        }
        List<String> args = new ArrayList<>();
        for (String name : profiles) {
            Profile profile = store.find(name);
            Profile.Flavor flavor = profile.flavors(subcommand).stream()
                    .filter(f -> f.when().stream().allMatch(kernel::holds))
                    .findFirst().orElse(null);
            if (flavor == null) {
                if (!profile.flavors(subcommand).isEmpty()) {
                    Log.warn("None of the " + subcommand + " profiles defined in " + profile.name() + " were selected");
                }
                continue;
            }
            Log.info("Applying profile " + profile.name()
                    + (profile.flavors(subcommand).size() > 1 ? ": " + flavor.name() : ""));
            args.addAll(arguments(flavor.args()));
        }
        return args;
    }

    static List<String> arguments(Map<String, Object> args) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> arg : new TreeMap<>(args).entrySet()) {
            String option = "--" + arg.getKey().replace('_', '-');
            switch (arg.getValue()) {
                case null -> out.add(option);
                case List<?> values -> values.forEach(v -> {
                    out.add(option);
                    out.add(v.toString());
                });
                default -> {
                    out.add(option);
                    out.add(arg.getValue().toString());
                }
            }
        }
        return out;
    }
}
