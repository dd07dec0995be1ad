package org.jkeepalived.config;

import java.nio.file.Path;
import java.util.List;

import org.jkeepalived.config.lex.ConfigLexer;
import org.jkeepalived.config.lex.LexerOptions;
import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.parse.ParseDriver;

/**
 * Parses a keepalived.conf as keepalived 2.2.7's {@code keepalived -t} does: the same accepted
 * input, the same diagnostics (including the repetition of root-level problems by each parsing
 * pass) and exit code, and the effective values with keepalived's defaults.
 *
 * <p>Never throws on any input: every problem is a diagnostic. Stateless and thread-safe; each
 * call is independent.
 */
public final class ConfigParser {
    private ConfigParser() {
    }

    /**
     * Parses {@code file} (a path or glob pattern as given to {@code -f}; relative to
     * {@link ParseOptions#workingDirectory()}).
     */
    public static ParseResult parse(Path file, ParseOptions options) {
        Diagnostics diagnostics = new Diagnostics();
        KeepalivedConfig config;
        List<NotifyScript> inaccessible = List.of();
        try (ConfigLexer lexer = new ConfigLexer(file,
                new LexerOptions(options.configId(), options.allConfig(), options.workingDirectory()), diagnostics)) {
            ParseDriver driver = new ParseDriver(options, diagnostics);
            config = driver.run(access(lexer));
            inaccessible = driver.inaccessibleNotifyScripts();
        } catch (RuntimeException | StackOverflowError e) {
            // A defect must not escape to the caller: report it as keepalived would report a fatal problem.
            diagnostics.report(new Diagnostic(null, ConfigError.FATAL,
                    "Internal error while parsing configuration (" + e.getClass().getSimpleName() + ")", false));
            config = new ParseDriver(options, new Diagnostics()).run(emptyLexer());
        }
        return new ParseResult(config, diagnostics, inaccessible);
    }

    private static ParseDriver.LexerAccess access(ConfigLexer lexer) {
        return new ParseDriver.LexerAccess() {
            @Override
            public LogicalLine next() {
                return lexer.next();
            }

            @Override
            public void includeCheck(List<String> words) {
                lexer.setIncludeCheck(lexer.includeCheck().applyKeyword(words,
                        message -> lexer.report(ConfigError.GENERAL_ERROR, message,
                                org.jkeepalived.config.lex.ReportedBy.PARENT)));
            }

            @Override
            public void randomSeed(long seed) {
                lexer.setRandomSeed(seed);
            }

            @Override
            public Diagnostic parentDiagnostic(ConfigError error, String message) {
                return lexer.parentDiagnostic(error, message);
            }

            @Override
            public boolean stopsAfterParent() {
                return lexer.hadConfigFileError();
            }

            @Override
            public void parentView(boolean parentView) {
                lexer.setParentView(parentView);
            }
        };
    }

    private static ParseDriver.LexerAccess emptyLexer() {
        return new ParseDriver.LexerAccess() {
            @Override
            public LogicalLine next() {
                return null;
            }

            @Override
            public void includeCheck(List<String> words) {
            }

            @Override
            public void randomSeed(long seed) {
            }

            @Override
            public Diagnostic parentDiagnostic(ConfigError error, String message) {
                return new Diagnostic(null, error, message, false);
            }

            @Override
            public boolean stopsAfterParent() {
                return false;
            }
        };
    }
}
