package org.jkeepalived.daemon.doctor;

import java.util.Objects;

/**
 * One problem the doctor found on the live system. Immutable.
 *
 * @param code     the stable code
 * @param severity how bad it is (normally the code's own severity)
 * @param subject  what it is about: an instance, interface, VIP or script ("VI_1", "eth0")
 * @param message  a one-line explanation with the observed facts
 * @param fix      a concrete fix, one line
 */
public record Finding(Code code, Severity severity, String subject, String message, String fix) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /** A finding with the code's own severity. */
    public static Finding of(Code code, String subject, String message, String fix) {
        return new Finding(code, code.severity(), subject, message, fix);
    }
}
