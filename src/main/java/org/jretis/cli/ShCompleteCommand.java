package org.jretis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** {@code retis sh-complete}: a shell completion script. */
@Command(name = "sh-complete", mixinStandardHelpOptions = true,
        description = "Generate a completion script for bash, zsh or fish.")
public final class ShCompleteCommand implements Callable<Integer> {

    enum Shell { bash, zsh, fish }

    @Option(names = "--shell", required = true, paramLabel = "<SHELL>", description = "bash, zsh or fish.")
    Shell shell;

    @Option(names = "--register", paramLabel = "<PATH>",
            description = "Write the script to PATH (a directory gets the shell's usual file name).")
    Path register;

    @Override
    public Integer call() throws IOException {
        CommandLine cli = Main.commandLine();
        String script = switch (shell) {
            // picocli's script is written for bash and loads in zsh through bashcompinit.
            case bash -> AutoComplete.bash("retis", cli);
            case zsh -> "autoload -U +X bashcompinit && bashcompinit\n" + AutoComplete.bash("retis", cli);
            case fish -> fish(cli.getCommandSpec());
        };
        if (register == null) {
            System.out.print(script);
            return 0;
        }
        Path target = Files.isDirectory(register) ? register.resolve(defaultName()) : register;
        Files.writeString(target, script);
        return 0;
    }

    private String defaultName() {
        return switch (shell) {
            case bash -> "retis";
            case zsh -> "_retis";
            case fish -> "retis.fish";
        };
    }

    static String fish(CommandSpec root) {
        StringBuilder out = new StringBuilder("complete -c retis -f\n");
        root.subcommands().forEach((name, sub) -> {
            out.append("complete -c retis -n __fish_use_subcommand -a ").append(name);
            String about = String.join(" ", sub.getCommandSpec().usageMessage().description());
            out.append(" -d ").append(quote(about)).append('\n');
            for (OptionSpec option : sub.getCommandSpec().options()) {
                for (String n : option.names()) {
                    out.append("complete -c retis -n '__fish_seen_subcommand_from ").append(name).append("' ");
                    out.append(n.startsWith("--") ? "-l " + n.substring(2) : "-s " + n.substring(1));
                    if (option.arity().max() > 0) {
                        out.append(" -r");
                    }
                    out.append('\n');
                }
            }
        });
        return out.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
