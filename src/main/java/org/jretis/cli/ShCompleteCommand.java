package org.jretis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retis sh-complete}: a shell completion script. */
@Command(name = "sh-complete", mixinStandardHelpOptions = true,
        description = "Generate a completion script for bash, zsh, fish, elvish or powershell.")
public final class ShCompleteCommand implements Callable<Integer> {

    enum Shell { bash, zsh, fish, elvish, powershell }

    @Option(names = "--shell", required = true, paramLabel = "<SHELL>",
            description = "bash, zsh, fish, elvish or powershell.")
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
            case fish -> CompletionScripts.fish(cli.getCommandSpec());
            case elvish -> CompletionScripts.elvish(cli.getCommandSpec());
            case powershell -> CompletionScripts.powershell(cli.getCommandSpec());
        };
        if (register == null) {
            System.out.print(script);
            return 0;
        }
        Path target = Files.isDirectory(register) ? register.resolve(defaultName()) : register;
        Files.writeString(target, script);
        return 0;
    }

    /** The file name Retis (clap_complete) gives each shell's script. */
    private String defaultName() {
        return switch (shell) {
            case bash -> "retis.bash";
            case zsh -> "_retis";
            case fish -> "retis.fish";
            case elvish -> "retis.elv";
            case powershell -> "_retis.ps1";
        };
    }
}
