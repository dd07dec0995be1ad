package org.jkeepalived.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jkeepalived.daemon.KeepalivedCommand;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

class ManPageWriterTest {
    private static final ManPageWriter.Header HEADER =
            new ManPageWriter.Header("jkeepalived", 8, "2026-11-22", "jkeepalived 0.1.0", "System Administration");

    @Test
    void everyVisibleOptionOfTheRealCommandIsOnThePage() {
        CommandSpec spec = KeepalivedCommand.commandLine().getCommandSpec();
        String page = ManPageWriter.render(spec, HEADER, PackageResources.daemonPageSections());

        assertThat(page).startsWith(".\\\" Generated").contains(".TH \"JKEEPALIVED\" 8 \"2026\\-11\\-22\"");
        for (OptionSpec option : spec.options()) {
            for (String name : option.names()) {
                assertThat(page).contains("\\fB" + ManPageWriter.escape(name) + "\\fR");
            }
        }
        assertThat(page).contains(".SH \"EXIT STATUS\"", ".SH \"SIGNALS\"", ".SH \"FILES\"", ".SH \"SEE ALSO\"");
    }

    @Test
    void subcommandsGetASynopsisLineAndASubsectionAndHiddenOnesNone() {
        CommandSpec status = CommandSpec.create().name("status");
        status.usageMessage().description("Print the instances as a table.");
        status.addOption(OptionSpec.builder("--json").description("JSON output.").build());
        status.addPositional(PositionalParamSpec.builder().paramLabel("INSTANCE").arity("0..1")
                .description("Only this instance.").build());
        CommandSpec secret = CommandSpec.create().name("secret");
        secret.usageMessage().hidden(true);
        CommandSpec top = CommandSpec.create().name("tool");
        top.usageMessage().description("A tool.");
        top.addOption(OptionSpec.builder("-v", "--verbose").description("More.").build());
        top.addOption(OptionSpec.builder("--hidden").hidden(true).build());
        CommandLine commandLine = new CommandLine(top);
        commandLine.addSubcommand("status", new CommandLine(status), "st");
        commandLine.addSubcommand("secret", new CommandLine(secret));

        String page = ManPageWriter.render(commandLine.getCommandSpec(), HEADER, Map.of());

        assertThat(page).contains(".B tool status\n[\\fIOPTION\\fR]...\n[\\fIINSTANCE\\fR]\n",
                ".SS \"tool status\"\nPrint the instances as a table.\n", "\\fB\\-\\-json\\fR\nJSON output.",
                "\\fIINSTANCE\\fR\nOnly this instance.");
        assertThat(page).doesNotContain("secret").doesNotContain("hidden").doesNotContain("tool st\n");
    }

    @Test
    void textThatLooksLikeRoffIsEscaped() {
        assertThat(ManPageWriter.escape(".starts a request")).isEqualTo("\\&.starts a request");
        assertThat(ManPageWriter.escape("line\n'quote")).isEqualTo("line\n\\&'quote");
        assertThat(ManPageWriter.escape("a\\b -x")).isEqualTo("a\\eb \\-x");
    }

    @Test
    void theBashCompletionOffersEveryLongOption() {
        CommandLine commandLine = KeepalivedCommand.commandLine();
        String script = AutoComplete.bash("jkeepalived", commandLine);
        for (OptionSpec option : commandLine.getCommandSpec().options()) {
            assertThat(script).contains(option.longestName());
        }
    }
}
