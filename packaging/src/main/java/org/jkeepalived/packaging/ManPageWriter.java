package org.jkeepalived.packaging;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders a picocli command model as a roff man page (man(7) macros), so the page lists exactly
 * the options and subcommands the program accepts: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, one
 * COMMANDS subsection per visible subcommand, then the caller's fixed sections (exit status,
 * signals, files...). Hidden options and commands are left out.
 *
 * <p>Stateless and thread-safe; the output depends only on the arguments.
 */
public final class ManPageWriter {
    private ManPageWriter() {
    }

    /** The page header: {@code .TH NAME SECTION DATE SOURCE MANUAL}. */
    public record Header(String name, int section, String date, String source, String manual) {
    }

    /**
     * Renders the page. {@code extraSections} maps a section title (e.g. "EXIT STATUS") to roff
     * body text written verbatim after the generated sections, in map order.
     */
    public static String render(CommandSpec spec, Header header, Map<String, String> extraSections) {
        StringBuilder out = new StringBuilder();
        out.append(".\\\" Generated from the picocli command model by ").append(ManPageWriter.class.getName())
                .append("; do not edit.\n");
        out.append(".TH ").append(quote(header.name().toUpperCase(java.util.Locale.ROOT))).append(' ')
                .append(header.section()).append(' ').append(quote(header.date())).append(' ')
                .append(quote(header.source())).append(' ').append(quote(header.manual())).append('\n');
        out.append(".SH NAME\n").append(escape(spec.name())).append(" \\- ")
                .append(escape(firstLine(spec.usageMessage().description()))).append('\n');
        out.append(".SH SYNOPSIS\n");
        synopsis(out, spec, spec.name());
        for (Map.Entry<String, CommandSpec> sub : visibleSubcommands(spec).entrySet()) {
            out.append(".br\n");
            synopsis(out, sub.getValue(), spec.name() + " " + sub.getKey());
        }
        out.append(".SH DESCRIPTION\n");
        paragraphs(out, spec.usageMessage().description());
        out.append(".SH OPTIONS\n");
        options(out, spec);
        Map<String, CommandSpec> subs = visibleSubcommands(spec);
        if (!subs.isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (Map.Entry<String, CommandSpec> sub : subs.entrySet()) {
                out.append(".SS ").append(quote(spec.name() + " " + sub.getKey())).append('\n');
                paragraphs(out, sub.getValue().usageMessage().description());
                positionals(out, sub.getValue());
                options(out, sub.getValue());
            }
        }
        for (Map.Entry<String, String> section : extraSections.entrySet()) {
            out.append(".SH ").append(quote(section.getKey())).append('\n').append(section.getValue());
            if (!section.getValue().endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Subcommands by their primary name, aliases and hidden commands left out, in declaration order. */
    static Map<String, CommandSpec> visibleSubcommands(CommandSpec spec) {
        Map<String, CommandSpec> byName = new LinkedHashMap<>();
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (seen.put(sub, Boolean.TRUE) == null && !sub.getCommandSpec().usageMessage().hidden()) {
                byName.put(sub.getCommandName(), sub.getCommandSpec());
            }
        }
        return byName;
    }

    /** The command, "[OPTION]..." when it has visible options, then its positional parameters. */
    private static void synopsis(StringBuilder out, CommandSpec spec, String commandName) {
        out.append(".B ").append(escape(commandName)).append('\n');
        if (spec.options().stream().anyMatch(option -> !option.hidden())) {
            out.append("[\\fIOPTION\\fR]...\n");
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (!positional.hidden()) {
                String label = "\\fI" + escape(positional.paramLabel()) + "\\fR";
                out.append(positional.arity().min() == 0 ? "[" + label + "]" : label).append('\n');
            }
        }
    }

    private static void options(StringBuilder out, CommandSpec spec) {
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            List<String> terms = new ArrayList<>();
            for (String name : option.names()) {
                terms.add(optionTerm(option, name));
            }
            out.append(".TP\n").append(String.join(", ", terms)).append('\n');
            out.append(escape(joinDescription(option.description()))).append('\n');
        }
    }

    private static void positionals(StringBuilder out, CommandSpec spec) {
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (!positional.hidden()) {
                out.append(".TP\n\\fI").append(escape(positional.paramLabel())).append("\\fR\n")
                        .append(escape(joinDescription(positional.description()))).append('\n');
            }
        }
    }

    /** {@code \fB-f\fR \fIFILE\fR}; an optional parameter in brackets, as the usage help shows it. */
    private static String optionTerm(OptionSpec option, String name) {
        String term = "\\fB" + escape(name) + "\\fR";
        if (option.arity().max() == 0) {
            return term;
        }
        String label = "\\fI" + escape(option.paramLabel()) + "\\fR";
        return option.arity().min() == 0 ? term + "[=" + label + "]" : term + " " + label;
    }

    private static void paragraphs(StringBuilder out, String[] lines) {
        String text = joinDescription(lines);
        boolean first = true;
        for (String paragraph : text.split("\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            if (!first) {
                out.append(".PP\n");
            }
            out.append(escape(paragraph.strip())).append('\n');
            first = false;
        }
    }

    private static String joinDescription(String[] lines) {
        return String.join("\n", lines).replace("%n", "\n");
    }

    private static String firstLine(String[] lines) {
        String text = joinDescription(lines).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Quotes a macro argument; roff has no escape for '"' inside one, so it becomes two apostrophes. */
    private static String quote(String argument) {
        return "\"" + escape(argument).replace("\"", "''") + "\"";
    }

    /**
     * Escapes text for a roff text line: backslashes, hyphens (so options stay ASCII minus
     * signs that can be searched and pasted), and a leading '.' or '\'' that would start a request.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineStart = i == 0 || text.charAt(i - 1) == '\n';
            if (lineStart && (c == '.' || c == '\'')) {
                out.append("\\&");
            }
            if (c == '\\') {
                out.append("\\e");
            } else if (c == '-') {
                out.append("\\-");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
