package org.jretis.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jretis.profile.Profile;
import org.jretis.profile.ProfileStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code retis profile list}: the profiles found, by file, in Retis' format. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Manage profiles.",
        subcommands = ProfileCommand.ListCommand.class)
public final class ProfileCommand implements Callable<Integer> {

    @ParentCommand
    RetisCommand retis;

    @Override
    public Integer call() {
        return list(retis, System.out);
    }

    static int list(RetisCommand retis, PrintStream out) {
        ProfileStore store = new ProfileStore(retis.extraProfilesDir);
        for (Path dir : store.directories()) {
            store.read(dir).forEach((file, profiles) -> print(out, file.toString(), profiles));
        }
        store.builtins().forEach((file, profiles) -> print(out, "built-in " + file, profiles));
        out.flush();
        return 0;
    }

    private static void print(PrintStream out, String file, List<Profile> profiles) {
        out.println(file + ":");
        for (Profile p : profiles) {
            out.println(String.format(Locale.ROOT, "  %-20s %s", p.name(), p.about()));
        }
    }

    /** {@code retis profile list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List profiles.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        ProfileCommand profile;

        @Override
        public Integer call() {
            return list(profile.retis, System.out);
        }
    }

}
