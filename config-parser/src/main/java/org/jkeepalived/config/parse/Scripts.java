package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.parse.Drafts.ScriptDraft;

/** {@code vrrp_script} blocks and the user a script runs as (keepalived's notify.c rules). */
final class Scripts {
    /** The user keepalived runs scripts as when none is configured, if it exists. */
    static final String DEFAULT_SCRIPT_USER = "keepalived_script";

    private Scripts() {
    }

    /**
     * Whether a script without an explicit user can run: the global script_user, else
     * keepalived_script, else (without script security) root. With script security and no
     * keepalived_script user keepalived reports once per process and refuses.
     */
    static boolean defaultUserAvailable(ParseState st) {
        Drafts d = st.drafts();
        if (d.global.scriptUser != null) {
            return true;
        }
        if (d.defaultUserFailed) {
            return false;
        }
        if (st.options().scripts().uid(DEFAULT_SCRIPT_USER).isEmpty() && d.global.scriptSecurity) {
            st.report(GENERAL_ERROR, "Unable to set default user " + DEFAULT_SCRIPT_USER + " for script");
            d.defaultUserFailed = true;
            return false;
        }
        return true;
    }

    /** A notify-style script line; null when keepalived would ignore it. */
    static NotifyScript forNotify(ParseState st, LogicalLine line) {
        NotifyScript script = ScriptWords.parse(line);
        if (script == null) {
            return null;
        }
        if (script.user() != null) {
            if (st.options().scripts().uid(script.user()).isEmpty()
                    || (script.group() != null && st.options().scripts().gid(script.group()).isEmpty())) {
                return null;
            }
        } else if (!defaultUserAvailable(st)) {
            return null;
        }
        st.drafts().scriptsConfigured = true;
        return script;
    }

    /** keepalived's cmd_str: every word in single quotes (not a leading redirection). */
    static String quoted(NotifyScript script) {
        if (script == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < script.argv().size(); i++) {
            String w = script.argv().get(i);
            if (i > 0) {
                sb.append(' ');
            }
            boolean bare = i == 0 && (w.startsWith("<") || w.startsWith(">"));
            sb.append(bare ? w : "'" + w + "'");
        }
        return sb.toString();
    }

    private static ScriptDraft vs(ParseState st) {
        return (ScriptDraft) st.target;
    }

    static void vrrpScript(ParseState st, LogicalLine line) {
        String name = st.arg(line, 1);
        ScriptDraft d = new ScriptDraft(name);
        st.drafts().scripts.put(name, d);
        st.target = d;
    }

    static void script(ParseState st, LogicalLine line) {
        NotifyScript s = ScriptWords.parse(line);
        vs(st).script = s;
    }

    static void interval(ParseState st, LogicalLine line) {
        ScriptDraft d = vs(st);
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 0, 4294);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + d.name + "): vrrp script interval '" + line.tokens().get(1)
                    + "' must be between 1 and 4294 - ignoring");
            return;
        }
        if (v == 0) {
            st.report(GENERAL_ERROR, "(" + d.name + "): vrrp script interval must be greater than 0, setting to 1");
            v = 1L;
        }
        d.interval = v * Numbers.TIMER_HZ;
    }

    static void timeout(ParseState st, LogicalLine line) {
        ScriptDraft d = vs(st);
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 0, 4294);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + d.name + "): vrrp script timeout '" + line.tokens().get(1) + "' invalid - ignoring");
            return;
        }
        if (v == 0) {
            st.report(GENERAL_ERROR, "(" + d.name + "): vrrp script timeout must be greater than 0, setting to 1");
            v = 1L;
        }
        d.timeout = v * Numbers.TIMER_HZ;
    }

    static void weight(ParseState st, LogicalLine line) {
        ScriptDraft d = vs(st);
        Long v = Numbers.readInt(st, line.tokens().get(1), -253, 253);
        if (v == null) {
            st.report(GENERAL_ERROR, "vrrp_script " + d.name + " weight " + line.tokens().get(1) + " must be in [-253, 253]");
        } else {
            d.weight = v.intValue();
        }
        if (line.tokens().size() >= 3) {
            if (line.tokens().get(2).equals("reverse")) {
                d.reverse = true;
            } else {
                st.report(GENERAL_ERROR, "vrrp_script " + d.name + " unknown weight option " + line.tokens().get(2));
            }
        }
    }

    static void rise(ParseState st, LogicalLine line) {
        ScriptDraft d = vs(st);
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 1, Integer.MAX_VALUE);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + d.name + "): vrrp script rise value '" + line.tokens().get(1) + "' invalid, defaulting to 1");
        }
        d.rise = v == null ? 1 : v.intValue();
    }

    static void fall(ParseState st, LogicalLine line) {
        ScriptDraft d = vs(st);
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 1, Integer.MAX_VALUE);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + d.name + "): vrrp script fall value '" + line.tokens().get(1) + "' invalid, defaulting to 1");
        }
        d.fall = v == null ? 1 : v.intValue();
    }

    static void user(ParseState st, LogicalLine line) {
        ScriptDraft d = vs(st);
        String user = line.tokens().get(1);
        String group = line.tokens().size() > 2 ? line.tokens().get(2) : null;
        if (st.options().scripts().uid(user).isEmpty()
                || (group != null && st.options().scripts().gid(group).isEmpty())) {
            st.report(GENERAL_ERROR, "Unable to set uid/gid for script " + quoted(d.script));
            d.removed = true;
            return;
        }
        d.removed = false;
        d.user = user;
        d.group = group;
    }

    static void initFail(ParseState st, LogicalLine line) {
        vs(st).initFail = true;
    }

    static void end(ParseState st, LogicalLine line) {
        ScriptDraft d = vs(st);
        if (d.script == null) {
            st.report(GENERAL_ERROR, "No script set for vrrp_script " + d.name + " - removing");
            d.removed = true;
        } else if (!d.removed && d.user == null && !defaultUserAvailable(st)) {
            st.report(GENERAL_ERROR, "Unable to set default user for vrrp script " + d.name + " - removing");
            d.removed = true;
        }
        if (d.removed) {
            st.drafts().scripts.remove(d.name);
        } else {
            st.drafts().scriptsConfigured = true;
        }
    }
}
