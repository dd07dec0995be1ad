/**
 * keepalived 2.2.7's configuration line reader, reproduced: {@link org.jkeepalived.config.lex.ConfigLexer}
 * turns {@code keepalived.conf} and its includes into {@link org.jkeepalived.config.lex.LogicalLine}s
 * for the keyword parser, and {@link org.jkeepalived.config.lex.Tokenizer} holds keepalived's three
 * word splitters.
 *
 * <h2>Passes</h2>
 * keepalived parses the configuration several times: its parent reads the files and writes a
 * decommented copy; the checker, VRRP and BFD passes (the children) read that copy. They see
 * slightly different text and print their diagnostics in different location forms
 * ({@link org.jkeepalived.config.lex.ReportedBy}). {@link org.jkeepalived.config.lex.LexerOptions.Pass}
 * selects what a lexer imitates: {@code PARENT} and {@code CHILDREN} each exactly (run both, the
 * parent's first, for keepalived's exact output: {@code OracleReplayTest} does this against
 * recorded keepalived output), or {@code COMBINED} (the default): one pass with the children's
 * text and both diagnostic forms, exact except where the two views of a line differ.
 *
 * <h2>Contract with the parser</h2>
 * <ul>
 *   <li>Call {@code next()} until it returns null. Each line has at least one token; a lone
 *       {@code {} or {@code }} is a line of its own.</li>
 *   <li>The lexer reports its own problems (unterminated/unmatched quotes, ~SEQ/~LST errors,
 *       include problems) and the brace counting keepalived does while reading:
 *       {@code Extra '}' found} and, at the end, {@code There are N missing '}'s or extra '{'s}.
 *       The parser must not report those itself.</li>
 *   <li>keepalived prints a problem from the passes that parse it, each with its own location form
 *       ({@link org.jkeepalived.config.lex.ReportedBy}). Report through
 *       {@code ConfigLexer.report(error, message, ReportedBy)}, or build the parent's form with
 *       {@code parentDiagnostic} and the children's with {@code childDiagnostic};
 *       {@link org.jkeepalived.config.lex.LogicalLine#location()} is the children's location (in the
 *       PARENT pass: the parent's line count).</li>
 *   <li>{@code global_defs { include_check … }}: {@code setIncludeCheck(includeCheck().applyKeyword(tokens, …))};
 *       {@code random_seed}: {@code setRandomSeed}; while inside {@code global_defs} (parsed by the
 *       parent only) {@code setParentView(true)}.</li>
 *   <li>Script keywords: {@code Tokenizer.splitQuoted(line.text())} gives keyword, command string
 *       and user/group; {@code Tokenizer.splitQuotedEscaped(command)} gives argv.</li>
 *   <li>{@code hadConfigFileError()}: keepalived stops after the parent pass (exit 6 in
 *       {@code -t}); {@code parentPassDiagnostics()} is then what it printed.</li>
 * </ul>
 *
 * <h2>Known differences from keepalived 2.2.7</h2>
 * <ul>
 *   <li>Bounds keepalived lacks: ~SEQ/~LST at most 1,000,000 values, includes nested at most 64
 *       deep and 10,000 files per parse, 10,000 substitutions per line (self-referencing
 *       definitions hang keepalived). At most 1,000,000 lines from one physical line (or one
 *       1023-byte piece of it) and 10,000,000 generated lines per parse: beyond that the reading
 *       stops with a located diagnostic ({@code Line produces more than …}), since keepalived
 *       loops on such a line for ever and never reads what follows.</li>
 *   <li>A rejected {@code ~LST} makes keepalived decrement a counter it never incremented; the
 *       damaged count also carries into its later passes, so they may emit lines at other places.
 *       The parent pass's behaviour is reproduced.</li>
 *   <li>{@code COMBINED} pass only: where the parent's and the children's text of a line differ
 *       ({@code \#}/{@code \!} escapes, a backslash before a comment, a blank or include line
 *       inside a multi-line definition) the children's text is used, so parent-form messages about
 *       such a line show the children's words. The parent's own tokenizer messages for such a
 *       line are reported for its brace-split pieces up to the first rest that a conditional,
 *       definition, generator, substitution or include would change.</li>
 *   <li>{@code CHILDREN} pass: an include line the parent swallowed into a multi-line definition
 *       (after a blank line that ended the definition for the children) is still read.</li>
 *   <li>Text is decoded as UTF-8; the 1024-byte piece limit is applied to bytes, the substitution
 *       length limit to characters.</li>
 *   <li>keepalived has a severity {@code CONFIG_UNMATCHED_QUOTE} (between MISSING_EOB and
 *       MISSING_PARAMETER) that {@link org.jkeepalived.config.ConfigError} lacks; unmatched quotes
 *       are reported as GENERAL_ERROR, which gives the same exit code.</li>
 * </ul>
 */
package org.jkeepalived.config.lex;
