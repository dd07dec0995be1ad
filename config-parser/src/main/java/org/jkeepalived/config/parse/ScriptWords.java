package org.jkeepalived.config.parse;

import java.util.List;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.lex.Tokenizer;
import org.jkeepalived.config.model.NotifyScript;

/**
 * Script-valued keywords ({@code notify*}, {@code script}, {@code misc_path}, …): the raw line is
 * re-split with both quote kinds, word 1 is the command and words 2.. are USER [GROUP]; the command
 * is split again with escapes into argv (keepalived's notify_script_init).
 */
final class ScriptWords {
    private ScriptWords() {
    }

    /** The script of a keyword line, or null when there is no command. */
    static NotifyScript parse(LogicalLine line) {
        List<String> words = Tokenizer.splitQuoted(line.text());
        if (words.size() < 2) {
            return null;
        }
        List<String> argv = Tokenizer.splitQuotedEscaped(words.get(1));
        if (argv.isEmpty()) {
            return null;
        }
        String user = words.size() > 2 ? words.get(2) : null;
        String group = words.size() > 3 ? words.get(3) : null;
        if (user != null && group == null && user.indexOf(':') > 0) {
            group = user.substring(user.indexOf(':') + 1);
            user = user.substring(0, user.indexOf(':'));
        }
        if (group != null && group.startsWith(":")) {
            group = group.substring(1);
        }
        return new NotifyScript(argv, user, group);
    }
}
