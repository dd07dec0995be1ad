package org.jkeepalived.daemon.track;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * keepalived's process matching for {@code vrrp_track_process}. Without {@code full_command} (and
 * without parameters) the process name is compared with {@code /proc/PID/comm} (at most 15
 * characters). With {@code full_command}, parameters or {@code param_match}, the name is compared
 * with argv[0] of {@code /proc/PID/cmdline}, and the parameters, as NUL-separated bytes, with the
 * rest of the command line: {@code exact} - all of them and nothing more; {@code partial} - the
 * given ones are the first ones, more may follow; {@code initial} - as partial, and the last given
 * parameter may be a prefix of the process's parameter. Immutable and thread-safe.
 */
public final class ProcessMatcher {
    /** How parameters are compared. */
    public enum ParamMatch { NONE, EXACT, PARTIAL, INITIAL }

    private final String processName;
    private final byte[] params;
    private final ParamMatch paramMatch;
    private final boolean fullCommand;

    /**
     * @param process     the {@code process} line: name, then parameters
     * @param paramMatch  "exact", "initial", "partial", or null when not configured
     * @param fullCommand {@code full_command} given
     */
    public ProcessMatcher(List<String> process, String paramMatch, boolean fullCommand) {
        if (process.isEmpty()) {
            throw new IllegalArgumentException("track process needs a process name");
        }
        this.processName = process.get(0);
        List<String> given = process.subList(1, process.size());
        ParamMatch match = parse(paramMatch);
        if (!given.isEmpty() && match == ParamMatch.NONE) {
            match = ParamMatch.EXACT;
        }
        this.paramMatch = match;
        this.fullCommand = fullCommand || !given.isEmpty() || match != ParamMatch.NONE;
        this.params = given.isEmpty() ? null : nulTerminated(given);
    }

    /** Whether /proc/PID/cmdline is needed (else /proc/PID/comm). */
    public boolean usesCommandLine() {
        return fullCommand;
    }

    /**
     * Whether a process matches.
     *
     * @param comm    /proc/PID/comm without its newline (used without full_command)
     * @param cmdline /proc/PID/cmdline bytes (used with full_command); may be empty
     */
    public boolean matches(String comm, byte[] cmdline) {
        if (!fullCommand) {
            return processName.equals(comm);
        }
        int end = indexOf(cmdline, 0);
        int nameEnd = end < 0 ? cmdline.length : end;
        if (!processName.equals(new String(cmdline, 0, nameEnd, StandardCharsets.UTF_8))) {
            return false;
        }
        if (paramMatch == ParamMatch.NONE) {
            return true;
        }
        int paramStart = Math.min(nameEnd + 1, cmdline.length);
        return paramsMatch(Arrays.copyOfRange(cmdline, paramStart, cmdline.length));
    }

    private boolean paramsMatch(byte[] actual) {
        int givenLen = params == null ? 0 : params.length;
        if (paramMatch == ParamMatch.EXACT) {
            return actual.length == givenLen && (params == null || Arrays.equals(actual, params));
        }
        if (actual.length < givenLen) {
            return false;
        }
        if (params == null) {
            return true;
        }
        int compared = paramMatch == ParamMatch.PARTIAL ? givenLen : givenLen - 1;
        return Arrays.equals(actual, 0, compared, params, 0, compared);
    }

    private static ParamMatch parse(String paramMatch) {
        if (paramMatch == null || paramMatch.isEmpty()) {
            return ParamMatch.NONE;
        }
        return switch (paramMatch) {
            case "exact" -> ParamMatch.EXACT;
            case "partial" -> ParamMatch.PARTIAL;
            case "initial" -> ParamMatch.INITIAL;
            default -> throw new IllegalArgumentException("Invalid param_match type " + paramMatch);
        };
    }

    private static byte[] nulTerminated(List<String> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String word : words) {
            out.writeBytes(word.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
