package org.jretis.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Completion scripts for the shells picocli has no generator for: fish, elvish and PowerShell.
 * Each completes subcommand names and each command's option names (hidden ones left out).
 */
final class CompletionScripts {

    private CompletionScripts() {}

    static String fish(CommandSpec root) {
        StringBuilder out = new StringBuilder("complete -c retis -f\n");
        root.subcommands().forEach((name, sub) -> {
            out.append("complete -c retis -n __fish_use_subcommand -a ").append(name);
            out.append(" -d ").append(quote(about(sub.getCommandSpec()))).append('\n');
            for (OptionSpec option : options(sub.getCommandSpec())) {
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

    /**
     * Elvish: an argument completer keyed by the command path ({@code retis;collect}) made of the
     * words before the first option.
     */
    static String elvish(CommandSpec root) {
        StringBuilder out = new StringBuilder("""
                use str

                set edit:completion:arg-completer[retis] = {|@words|
                    var command = 'retis'
                    for word $words[1..-1] {
                        if (str:has-prefix $word '-') {
                            break
                        }
                        set command = $command';'$word
                    }
                    var completions = [
                """);
        walk("retis", root, (path, spec) -> {
            out.append("        &'").append(path).append("'= {\n");
            candidates(spec, (word, about) -> out.append("            edit:complex-candidate ").append(literal(word))
                    .append(" &display=").append(literal(word + "  " + about)).append('\n'));
            out.append("        }\n");
        });
        out.append("""
                    ]
                    if (has-key $completions $command) {
                        $completions[$command]
                    }
                }
                """);
        return out.toString();
    }

    /** PowerShell: a native argument completer switching on the command path ({@code retis;collect}). */
    static String powershell(CommandSpec root) {
        StringBuilder out = new StringBuilder("""
                using namespace System.Management.Automation
                using namespace System.Management.Automation.Language

                Register-ArgumentCompleter -Native -CommandName 'retis' -ScriptBlock {
                    param($wordToComplete, $commandAst, $cursorPosition)
                    $path = @('retis'
                        foreach ($element in $commandAst.CommandElements | Select-Object -Skip 1) {
                            if ($element -isnot [StringConstantExpressionAst] -or $element.Value.StartsWith('-') -or
                                $element.Value -eq $wordToComplete) {
                                break
                            }
                            $element.Value
                        }) -join ';'
                    $completions = @(switch ($path) {
                """);
        walk("retis", root, (path, spec) -> {
            out.append("        '").append(path).append("' {\n");
            candidates(spec, (word, about) -> {
                String type = word.startsWith("-") ? "ParameterName" : "ParameterValue";
                out.append("            [CompletionResult]::new(").append(literal(word)).append(", ").append(literal(word))
                        .append(", [CompletionResultType]::").append(type).append(", ")
                        .append(literal(about.isEmpty() ? word : about)).append(")\n");
            });
            out.append("            break\n        }\n");
        });
        out.append("""
                    })
                    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } | Sort-Object -Property ListItemText
                }
                """);
        return out.toString();
    }

    /** The command and its subcommands, depth first, each with its path joined by ';'. */
    private static void walk(String path, CommandSpec spec, BiConsumer<String, CommandSpec> visit) {
        visit.accept(path, spec);
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            walk(path + ";" + sub.getKey(), sub.getValue().getCommandSpec(), visit);
        }
    }

    /** Subcommand names, then option names, each with its description. */
    private static void candidates(CommandSpec spec, BiConsumer<String, String> candidate) {
        spec.subcommands().forEach((name, sub) -> candidate.accept(name, about(sub.getCommandSpec())));
        for (OptionSpec option : options(spec)) {
            String about = String.join(" ", option.description());
            for (String name : option.names()) {
                candidate.accept(name, about);
            }
        }
    }

    private static List<OptionSpec> options(CommandSpec spec) {
        List<OptionSpec> shown = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                shown.add(option);
            }
        }
        return shown;
    }

    private static String about(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }

    /** Fish's single quotes: backslash escapes. */
    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Elvish's and PowerShell's single quotes: no escapes, a quote is doubled. */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
