package org.jkeepalived.daemon.os;

/**
 * The process file-creation mask, which the JDK cannot set: keepalived applies {@code -u/--umask}
 * or {@code global_defs umask} (default {@value #KEEPALIVED_DEFAULT_OCTAL} octal) at start-up, and
 * it shapes the modes of the notify FIFOs and of files the daemon creates. Process-wide: set it
 * once at start-up, before other threads create files.
 */
public final class ProcessUmask {
    /** keepalived's default umask, 0177 (IXUSR | IRWXG | IRWXO). */
    public static final int KEEPALIVED_DEFAULT = 0177;
    /** The default written in octal, for documentation. */
    public static final String KEEPALIVED_DEFAULT_OCTAL = "0177";

    private ProcessUmask() {
    }

    /** Sets the umask (only the low 9 bits count) and returns the previous one. */
    public static int set(int mask) {
        return LibC.get().umask(mask & 0777);
    }
}
