package org.jkeepalived.daemon.os;

import java.util.Optional;

import jnr.ffi.Pointer;

/**
 * User and group look-ups through libc's {@code getpwnam}/{@code getgrnam}, so NSS sources (LDAP,
 * systemd-userdb) resolve exactly as they do for keepalived. Not thread-safe in libc terms (the
 * non-reentrant calls share a static buffer): call from one thread, normally the event loop.
 */
public final class UserDb {
    /* struct passwd on LP64: pw_name(8) pw_passwd(8) pw_uid(4) pw_gid(4) ...; struct group: gr_name(8) gr_passwd(8) gr_gid(4). */
    private static final int PW_UID_OFFSET = 16;
    private static final int PW_GID_OFFSET = 20;
    private static final int GR_GID_OFFSET = 16;

    /** A resolved account: numeric ids for {@code setpriv}. */
    public record Account(String name, int uid, int gid) {
    }

    private UserDb() {
    }

    /** The user named {@code name} with its primary group, or empty if there is no such user. */
    public static Optional<Account> user(String name) {
        Pointer pw = LibC.get().getpwnam(name);
        if (pw == null || pw.address() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Account(name, pw.getInt(PW_UID_OFFSET), pw.getInt(PW_GID_OFFSET)));
    }

    /** The numeric id of the group named {@code name}, or empty. A decimal number is taken as an id. */
    public static Optional<Integer> group(String name) {
        Pointer gr = LibC.get().getgrnam(name);
        if (gr == null || gr.address() == 0) {
            if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
                return Optional.of(Integer.parseInt(name));
            }
            return Optional.empty();
        }
        return Optional.of(gr.getInt(GR_GID_OFFSET));
    }

    /** The effective user id of this process. */
    public static int effectiveUid() {
        return LibC.get().geteuid();
    }
}
