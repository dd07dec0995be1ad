/**
 * The daemon's contact with the operating system outside networking: running scripts as
 * keepalived does ({@link org.jkeepalived.daemon.os.ScriptChecker},
 * {@link org.jkeepalived.daemon.os.ScriptRunner}), non-blocking FIFOs, pid files, systemd's
 * sd_notify, user look-ups, and a tiny jnr-ffi libc binding for the calls the JDK lacks.
 *
 * <p>Threading contract for the whole services layer (this package, {@code track}, {@code notify}):
 * the event loop owns all state and calls these classes on its one thread, passing its turn clock
 * as {@code nowNanos}; helper threads (the JDK process reaper, the inotify watcher, the /proc
 * scanner, the SMTP sender) never touch state and only hand results to an
 * {@link org.jkeepalived.daemon.os.EventPoster} (the loop's {@code post}). Services with timers
 * expose {@code nextDeadlineNanos()} / {@code onTimer(nowNanos)};
 * {@link org.jkeepalived.daemon.os.LoopTimer} binds them to the loop's timer heap.
 */
package org.jkeepalived.daemon.os;
