package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.Diagnostics;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.VirtualServer;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpSyncGroup;
import org.jkeepalived.config.parse.Drafts.InstanceDraft;
import org.jkeepalived.config.parse.Drafts.ScriptDraft;
import org.jkeepalived.config.parse.Drafts.SyncGroupDraft;

/**
 * Runs keepalived -t's sequence over one configuration: the parent pass (reading the lexer), then
 * the checker pass and LVS validation, the VRRP pass and VRRP validation, the BFD pass; then builds
 * the model. Stops where keepalived stops (missing parameter: exit 2; unusable net_namespace).
 * Never throws for any input.
 */
public final class ParseDriver {
    private final ParseOptions options;
    private final Diagnostics diagnostics;
    private final Drafts.GlobalDraft global = new Drafts.GlobalDraft();
    private final List<NotifyScript> inaccessibleNotifyScripts = new ArrayList<>();

    /**
     * @param options      parse options
     * @param diagnostics  where every message goes (the lexer reports into the same collector)
     */
    public ParseDriver(ParseOptions options, Diagnostics diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
    }

    /** What the parser needs from the lexer. */
    public interface LexerAccess {
        /** The next logical line, or null at the end. */
        LogicalLine next();

        /** {@code global_defs include_check …}. */
        void includeCheck(List<String> words);

        /** {@code global_defs random_seed N}. */
        void randomSeed(long seed);

        /** A message at the line last returned, placed as keepalived's parent places it. */
        org.jkeepalived.config.Diagnostic parentDiagnostic(ConfigError error, String message);

        /** True when an include error stops keepalived after the parent's parse (exit 6). */
        boolean stopsAfterParent();

        /** Reads following lines as keepalived's parent does (global_defs) or as its children do. */
        default void parentView(boolean parentView) {
        }
    }

    /** Parses everything and returns the effective configuration. */
    public KeepalivedConfig run(LexerAccess lexer) {
        Supplier<LogicalLine> producer = lexer::next;
        LineSource source = new LineSource(producer, diagnostics);
        Drafts parent = new Drafts(global);
        Drafts checker = new Drafts(global);
        Drafts vrrp = new Drafts(global);
        Drafts bfd = new Drafts(global);
        Results results = new Results();
        try {
            runPass(Pass.PARENT, source, parent, lexer);
            source.drain();
            checkStartStopScripts();
            if (lexer.stopsAfterParent()) {
                diagnostics.overrideExitCode(6);
                return ModelAssembler.assemble(options, parent, vrrp, checker, bfd, results);
            }
            if (namespaceUnusable(parent)) {
                diagnostics.overrideExitCode(0);
                return ModelAssembler.assemble(options, parent, vrrp, checker, bfd, results);
            }
            int parentEnd = diagnostics.all().size();
            runCheckerPass(source, checker, parentEnd);
            results.virtualServers = CheckValidator.validate(checker, options.scripts(), this::unlocated);
            runPass(Pass.VRRP, source, vrrp, null);
            validateVrrp(vrrp, results);
            runPass(Pass.BFD, source, bfd, null);
        } catch (ParseAbort abort) {
            // keepalived exits 2 at once; the model holds what was read so far
            silentlyValidate(vrrp, results);
        }
        return ModelAssembler.assemble(options, parent, vrrp, checker, bfd, results);
    }

    /** The validated VRRP/LVS parts of the model. */
    static final class Results {
        List<VirtualServer> virtualServers = new ArrayList<>();
        List<VrrpInstance> instances = new ArrayList<>();
        List<VrrpSyncGroup> syncGroups = new ArrayList<>();
    }

    private boolean namespaceUnusable(Drafts parent) {
        List<String> ns = parent.root.settings.get("net_namespace");
        return ns != null && !ns.isEmpty() && !options.interfaces().namespaceExists(ns.get(0));
    }

    /**
     * The first child pass. When it stops at a missing parameter, no child printed the lexer's
     * children-form messages for the lines after that point: they are withdrawn (the parent's form
     * stays, the parent read the whole file).
     */
    private void runCheckerPass(LineSource source, Drafts checker, int parentEnd) {
        LineCursor[] cursor = new LineCursor[1];
        ParseState[] state = new ParseState[1];
        try {
            runPass(Pass.CHECKER, source, checker, null, cursor, state);
        } catch (ParseAbort abort) {
            retractChildForms(source, cursor[0].position(), parentEnd);
            throw abort;
        }
        if (state[0].crashPosition() >= 0) {
            retractChildForms(source, state[0].crashPosition(), parentEnd);
        }
    }

    /**
     * The checker pass stopped (or keepalived crashed) at {@code position}: no child printed the
     * lexer's children-form messages for later lines; the parent's form stays.
     */
    private void retractChildForms(LineSource source, int position, int parentEnd) {
        List<org.jkeepalived.config.Diagnostic> later = source.lexerMessagesAfter(position);
        List<org.jkeepalived.config.Diagnostic> childForms = new ArrayList<>();
        for (int i = 1; i < later.size(); i++) {
            org.jkeepalived.config.Diagnostic prev = later.get(i - 1);
            org.jkeepalived.config.Diagnostic d = later.get(i);
            if (d.withFile() && d.message().equals(prev.message()) && !d.render().equals(prev.render())
                    && diagnostics.all().indexOf(d) < parentEnd) {
                childForms.add(d);
            }
        }
        diagnostics.retract(childForms);
    }

    private void runPass(Pass pass, LineSource source, Drafts drafts, LexerAccess lexer) {
        runPass(pass, source, drafts, lexer, new LineCursor[1], new ParseState[1]);
    }

    private void runPass(Pass pass, LineSource source, Drafts drafts, LexerAccess lexer, LineCursor[] cursorOut,
            ParseState[] stateOut) {
        ParseState st = new ParseState(pass, diagnostics, options, drafts);
        stateOut[0] = st;
        if (lexer != null) {
            st.parentPlacement(lexer::parentDiagnostic);
            st.lexerControl(new LexerHooks.Control() {
                @Override
                public void includeCheck(List<String> words) {
                    lexer.includeCheck(words);
                }

                @Override
                public void randomSeed(long seed) {
                    lexer.randomSeed(seed);
                }

                @Override
                public void parentView(boolean parentView) {
                    lexer.parentView(parentView);
                }
            });
        }
        LineCursor cursor = new LineCursor(source, st);
        cursorOut[0] = cursor;
        st.attach(cursor);
        new BlockProcessor(st, cursor).run(KeywordDefinitions.table().root());
    }

    private void unlocated(ConfigError error, String message) {
        diagnostics.report(new org.jkeepalived.config.Diagnostic(null, error, message, false));
    }

    private void validateVrrp(Drafts vrrp, Results results) {
        if (vrrp.nonExistentInterface) {
            unlocated(ConfigError.BAD_IF, "Non-existent interface specified in configuration");
            silentlyValidate(vrrp, results);
            return;
        }
        if (!vrrp.instances.isEmpty()) {
            checkScriptSecurity(vrrp);
        }
        VrrpValidator v = new VrrpValidator(vrrp, options.interfaces(), this::unlocated);
        v.run();
        results.instances = v.instances();
        results.syncGroups = v.groups();
        if (v.stopped()) {
            silentlyValidate(vrrp, results);
        }
    }

    /** Builds the instances keepalived would not have validated, without reporting anything. */
    private void silentlyValidate(Drafts vrrp, Results results) {
        VrrpValidator v = new VrrpValidator(vrrp, options.interfaces(), Reporter.SILENT);
        v.runLenient();
        results.instances = v.instances();
        results.syncGroups = v.groups();
    }

    /** A notify script keepalived would not run; -t says nothing of it, the daemon logs it. */
    private boolean inaccessible(ScriptSecurity security, NotifyScript script) {
        if (security.check(script)) {
            return false;
        }
        if (script != null && !script.argv().isEmpty()) {
            inaccessibleNotifyScripts.add(script);
        }
        return true;
    }

    /**
     * The notify scripts (instances and sync groups, in configuration order) that the last
     * {@link #run} dropped because they cannot be found or accessed. keepalived 2.2.7's {@code -t}
     * reports nothing for them; its VRRP process logs "Script ... cannot be accessed" at startup.
     */
    public List<NotifyScript> inaccessibleNotifyScripts() {
        return List.copyOf(inaccessibleNotifyScripts);
    }

    /** keepalived's parent checks start-up/shutdown scripts before the children parse. */
    private void checkStartStopScripts() {
        ScriptSecurity security = new ScriptSecurity(options.scripts());
        global.startStopScripts.forEach(security::check);
        security.reportIfViolated(global.scriptSecurity, this::unlocated, "start/shutdown scripts");
    }

    private void checkScriptSecurity(Drafts vrrp) {
        ScriptSecurity security = new ScriptSecurity(options.scripts());
        for (ScriptDraft s : new ArrayList<>(vrrp.scripts.values())) {
            if (!security.check(s.script)) {
                unlocated(ConfigError.GENERAL_ERROR, "Disabling track script " + s.name + " since not found/accessible");
                vrrp.scripts.remove(s.name);
            }
        }
        for (InstanceDraft d : vrrp.instances) {
            d.notify.values().removeIf(script -> inaccessible(security, script));
            d.trackScripts.removeIf(t -> !vrrp.scripts.containsKey(t.name()));
        }
        for (SyncGroupDraft g : vrrp.syncGroups) {
            g.notify.values().removeIf(script -> inaccessible(security, script));
            g.trackScripts.removeIf(t -> !vrrp.scripts.containsKey(t.name()));
        }
        security.reportIfViolated(global.scriptSecurity, this::unlocated, "scripts");
    }
}
