package org.jkeepalived.config.lex;

/**
 * Which of keepalived's parsing passes print a diagnostic, and so how its location is written.
 *
 * <p>keepalived's parent process reads the real files and names the file in a diagnostic only when
 * the line comes from an included file (or the {@code -f} pattern matched several files):
 * {@code (Line 8) …}. The checker, VRRP and BFD passes (children) read the consolidated copy the
 * parent wrote and always name the file: {@code (keepalived.conf: Line 8) …}. Which passes print a
 * problem depends on where it is: inside {@code global_defs} only the parent; inside a
 * {@code vrrp_instance}, {@code virtual_server}, … only the child that owns the block; at the root
 * level, and for everything the line reader itself reports, every pass.
 */
public enum ReportedBy {
    /** Only the parent (problems inside {@code global_defs}, include errors). */
    PARENT,
    /** Only the child that owns the block (VRRP, checker or BFD keywords). */
    CHILDREN,
    /** Every pass (root-level problems and line-reader problems). */
    ALL
}
