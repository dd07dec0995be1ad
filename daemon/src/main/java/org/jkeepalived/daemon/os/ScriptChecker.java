package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every configured script once, at (re)load, as keepalived's {@code check_script_secure}
 * does, and logs keepalived's lines: resolves the user (explicit, else {@code script_user}, else
 * {@code keepalived_script} if that user exists, else this process's uid), finds bare names on
 * PATH, resolves symlinks, disables scripts that are missing or not executable for their user,
 * and for scripts run with root privileges walks every path component: a component not owned by
 * root, or group/world writable (directories without the sticky bit, and the file itself), makes
 * the script insecure - disabled with {@code enable_script_security}, only reported without it.
 * {@link #logSummary()} writes keepalived's "SECURITY VIOLATION" line.
 *
 * <p>Not thread-safe; used from the event loop while a configuration is applied.
 */
public final class ScriptChecker {
    /** keepalived's default script user when it exists. */
    public static final String DEFAULT_SCRIPT_USER = "keepalived_script";

    private static final Logger LOG = LoggerFactory.getLogger(ScriptChecker.class);
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;

    private final boolean scriptSecurity;
    private final String defaultUserName;
    private boolean quiet;
    private final Map<String, String> environment;
    private final int ownUid;
    private final int ownGid;
    private Optional<UserDb.Account> defaultUser;
    private boolean defaultUserFailed;
    private boolean anyScript;
    private boolean anyInsecure;
    private Rejection lastRejection = Rejection.NONE;

    /** Why the last {@link #check} returned empty, for the caller's own log line. */
    public enum Rejection {
        /** accepted */
        NONE,
        /** missing, or not found on PATH (keepalived's SC_NOTFOUND) */
        NOT_FOUND,
        /** refused by enable_script_security (SC_INHIBIT) */
        INSECURE,
        /** not executable by its user */
        NOT_EXECUTABLE,
        /** its user or group does not exist */
        NO_USER,
    }

    /**
     * @param scriptSecurity enable_script_security
     * @param scriptUser     global script_user, or null
     * @param scriptGroup    global script_user's group, or null
     * @param environment    for PATH (the process environment in production)
     */
    public ScriptChecker(boolean scriptSecurity, String scriptUser, String scriptGroup,
                         Map<String, String> environment) {
        this(scriptSecurity, scriptUser, scriptGroup, environment, DEFAULT_SCRIPT_USER);
    }

    /** As the public constructor, with another name for the default user (tests). */
    ScriptChecker(boolean scriptSecurity, String scriptUser, String scriptGroup, Map<String, String> environment,
                  String defaultUserName) {
        this.defaultUserName = defaultUserName;
        this.scriptSecurity = scriptSecurity;
        this.environment = Map.copyOf(environment);
        this.ownUid = UserDb.effectiveUid();
        this.ownGid = LibC.get().getegid();
        this.defaultUser = resolveDefaultUser(scriptUser, scriptGroup);
    }

    /**
     * Checks one script. Returns it ready to run, or empty when keepalived would disable it (the
     * reason is logged with keepalived's wording).
     */
    public Optional<PreparedScript> check(ScriptCommand command) {
        lastRejection = Rejection.NONE;
        Optional<PreparedScript> result = checkCommand(command);
        if (result.isEmpty() && lastRejection == Rejection.NONE) {
            lastRejection = Rejection.NOT_FOUND;
        }
        return result;
    }

    /** Why the last {@link #check} rejected its script ({@link Rejection#NONE} if it was accepted). */
    public Rejection lastRejection() {
        return lastRejection;
    }

    private Optional<PreparedScript> checkCommand(ScriptCommand command) {
        Optional<int[]> ids = ids(command);
        if (ids.isEmpty()) {
            lastRejection = Rejection.NO_USER;
            return Optional.empty();
        }
        int uid = ids.get()[0];
        int gid = ids.get()[1];
        List<String> argv = new ArrayList<>(command.argv());
        String program = argv.get(0);
        if (isShellFileTest(program)) {
            anyScript = true;
            return Optional.of(new PreparedScript(argv, uid, gid, true, false));
        }
        if (!program.contains("/")) {
            Optional<Path> found = searchPath(program);
            if (found.isEmpty()) {
                info("Cannot find script {} in path - disabling", program);
                return Optional.empty();
            }
            info("WARNING - script `{}` resolved by path search to `{}`. Please specify full path.", program,
                    found.get());
            program = found.get().toString();
        }
        Path given = Path.of(program);
        Path real;
        try {
            real = given.toRealPath();
        } catch (IOException e) {
            info("Script {} cannot be accessed - No such file or directory", program);
            return Optional.empty();
        }
        Path runPath = keepFileName(given, real);
        argv.set(0, runPath.toString());
        return checkFile(argv, real, uid, gid);
    }

    /**
     * Stops this checker from logging: for a daemon whose config parser has already logged the
     * same verdicts (keepalived logs them once). Returns this.
     */
    public ScriptChecker quiet() {
        quiet = true;
        return this;
    }

    /** Whether any script was accepted (keepalived's SC_ISSCRIPT). */
    public boolean anyScript() {
        return anyScript;
    }

    /** Whether any accepted script runs with root privileges from a non-root-writable path. */
    public boolean anyInsecure() {
        return anyInsecure;
    }

    /** Logs "SECURITY VIOLATION …" when scripts run without enable_script_security, as keepalived does. */
    public void logSummary() {
        if (!scriptSecurity && anyScript) {
            warn("SECURITY VIOLATION - scripts are being executed but script_security not enabled.{}",
                    anyInsecure ? " There are insecure scripts." : "");
        }
    }

    private Optional<PreparedScript> checkFile(List<String> argv, Path real, int uid, int gid) {
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(real, "unix:mode,uid,gid");
        } catch (IOException e) {
            info("Unable to access script `{}` - disabling", argv.get(0));
            return Optional.empty();
        }
        int mode = (Integer) attrs.get("mode");
        int fileUid = (Integer) attrs.get("uid");
        int fileGid = (Integer) attrs.get("gid");
        if (!isExecutable(mode, fileUid, fileGid, uid, gid)) {
            info("WARNING - script '{}' is not executable for uid:gid {}:{} - disabling.", argv.get(0), uid, gid);
            lastRejection = Rejection.NOT_EXECUTABLE;
            return Optional.empty();
        }
        anyScript = true;
        boolean needsProtection = uid == 0 || gid == 0
                || (fileUid == 0 && (mode & 0100) != 0 && (mode & S_ISUID) != 0)
                || (fileGid == 0 && (mode & 0010) != 0 && (mode & S_ISGID) != 0);
        boolean insecure = false;
        if (needsProtection) {
            Path runPath = Path.of(argv.get(0));
            insecure = !pathIsSecure(runPath) || (!runPath.equals(real) && !pathIsSecure(real));
        }
        if (insecure) {
            anyInsecure = true;
            if (scriptSecurity) {
                lastRejection = Rejection.INSECURE;
                return Optional.empty();
            }
        }
        return Optional.of(new PreparedScript(argv, uid, gid, false, insecure));
    }

    /** keepalived's check_security: every component from "/" down, not following symlinks. */
    private boolean pathIsSecure(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        List<Path> components = new ArrayList<>();
        components.add(absolute.getRoot());
        Path prefix = absolute.getRoot();
        for (Path name : absolute) {
            prefix = prefix.resolve(name);
            components.add(prefix);
        }
        for (int i = 0; i < components.size(); i++) {
            boolean last = i == components.size() - 1;
            Map<String, Object> attrs;
            try {
                attrs = Files.readAttributes(components.get(i), "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                info("check_script_secure could not find script '{}' - disabling", absolute);
                return false;
            }
            int mode = (Integer) attrs.get("mode");
            int type = mode & S_IFMT;
            if ((!last && type != S_IFDIR) || (last && type != S_IFREG && type != S_IFLNK)) {
                info("Wrong file type found in script path '{}'.", absolute);
                return false;
            }
            boolean groupWritable = (Integer) attrs.get("gid") != 0 && (mode & 0020) != 0;
            boolean worldWritable = (mode & 0002) != 0;
            boolean checkWrite = (type == S_IFDIR && (mode & S_ISVTX) == 0) || type == S_IFREG;
            if ((Integer) attrs.get("uid") != 0 || (checkWrite && (groupWritable || worldWritable))) {
                info("Unsafe permissions found for script '{}'{}.", absolute, scriptSecurity ? " - disabling" : "");
                return false;
            }
        }
        return true;
    }

    private Optional<int[]> ids(ScriptCommand command) {
        if (command.user() == null) {
            if (defaultUserFailed) {
                return Optional.empty();
            }
            UserDb.Account account = defaultUser.orElse(null);
            return Optional.of(account == null ? new int[] {ownUid, ownGid} : new int[] {account.uid(), account.gid()});
        }
        Optional<UserDb.Account> user = UserDb.user(command.user());
        if (user.isEmpty()) {
            info("Script user '{}' does not exist", command.user());
            return Optional.empty();
        }
        int gid = user.get().gid();
        if (command.group() != null) {
            Optional<Integer> group = UserDb.group(command.group());
            if (group.isEmpty()) {
                info("Script group '{}' does not exist", command.group());
                return Optional.empty();
            }
            gid = group.get();
        }
        return Optional.of(new int[] {user.get().uid(), gid});
    }

    private Optional<UserDb.Account> resolveDefaultUser(String scriptUser, String scriptGroup) {
        String name = scriptUser != null ? scriptUser : defaultUserName;
        Optional<UserDb.Account> account = UserDb.user(name);
        if (account.isPresent() && scriptGroup != null) {
            Optional<Integer> gid = UserDb.group(scriptGroup);
            if (gid.isEmpty()) {
                info("Script group '{}' does not exist", scriptGroup);
                defaultUserFailed = true;
                return Optional.empty();
            }
            account = Optional.of(new UserDb.Account(name, account.get().uid(), gid.get()));
        }
        if (account.isEmpty()) {
            if (scriptUser != null) {
                info("Script user '{}' does not exist", scriptUser);
                defaultUserFailed = true;
            } else if (scriptSecurity) {
                error("Unable to set default user {} for script", defaultUserName);
                defaultUserFailed = true;
            }
        }
        return account;
    }

    private Optional<Path> searchPath(String name) {
        String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** keepalived keeps the configured file name when a symlink resolves to a same file of another name. */
    private static Path keepFileName(Path given, Path real) {
        if (real.getFileName().equals(given.getFileName())) {
            return real;
        }
        Path sameName = real.resolveSibling(given.getFileName());
        try {
            if (Files.exists(sameName) && Files.isSameFile(sameName, real)) {
                return sameName;
            }
        } catch (IOException e) {
            return real;
        }
        return real;
    }

    static boolean isShellFileTest(String program) {
        if (program.charAt(0) != '<') {
            return false;
        }
        String rest = program.substring(1).stripLeading();
        return rest.startsWith("/");
    }

    private static boolean isExecutable(int mode, int fileUid, int fileGid, int uid, int gid) {
        if (uid == 0) {
            return (mode & 0111) != 0;
        }
        if (uid == fileUid) {
            return (mode & 0100) != 0;
        }
        return gid == fileGid ? (mode & 0010) != 0 : (mode & 0001) != 0;
    }

    private void info(String format, Object... args) {
        if (!quiet) {
            LOG.info(format, args);
        }
    }

    private void warn(String format, Object... args) {
        if (!quiet) {
            LOG.warn(format, args);
        }
    }

    private void error(String format, Object... args) {
        if (!quiet) {
            LOG.error(format, args);
        }
    }
}
