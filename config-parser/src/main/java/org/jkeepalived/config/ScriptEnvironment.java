package org.jkeepalived.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What script security needs to know about the host: users, groups and the files scripts name.
 * {@link #system()} reads /etc/passwd, /etc/group and the file system; tests use
 * {@link #fake(Map, Map, Map)}. Implementations must be safe to call from one parse at a time.
 */
public interface ScriptEnvironment {

    /** Attributes of an existing file. {@code mode} holds the permission bits (e.g. 0755). */
    record FileInfo(boolean regular, boolean directory, int uid, int gid, int mode) {
    }

    /** The uid of a user name, if the user exists. */
    OptionalInt uid(String user);

    /** The gid of a group name, if the group exists. */
    OptionalInt gid(String group);

    /** Attributes of the file at an absolute path after resolving symlinks, if it exists. */
    Optional<FileInfo> file(String absolutePath);

    /** The directories searched for a script given without a '/'. */
    default List<String> searchPath() {
        return List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    }

    /** A fixed environment: user → uid, group → gid, path → attributes. */
    static ScriptEnvironment fake(Map<String, Integer> users, Map<String, Integer> groups,
                                  Map<String, FileInfo> files) {
        Map<String, Integer> u = Map.copyOf(users);
        Map<String, Integer> g = Map.copyOf(groups);
        Map<String, FileInfo> f = Map.copyOf(files);
        return new ScriptEnvironment() {
            @Override
            public OptionalInt uid(String user) {
                Integer v = u.get(user);
                return v == null ? OptionalInt.empty() : OptionalInt.of(v);
            }

            @Override
            public OptionalInt gid(String group) {
                Integer v = g.get(group);
                return v == null ? OptionalInt.empty() : OptionalInt.of(v);
            }

            @Override
            public Optional<FileInfo> file(String absolutePath) {
                return Optional.ofNullable(f.get(absolutePath));
            }
        };
    }

    /** The real host: /etc/passwd, /etc/group and file attributes. */
    static ScriptEnvironment system() {
        return new ScriptEnvironment() {
            @Override
            public OptionalInt uid(String user) {
                return lookup(Path.of("/etc/passwd"), user);
            }

            @Override
            public OptionalInt gid(String group) {
                return lookup(Path.of("/etc/group"), group);
            }

            @Override
            public Optional<FileInfo> file(String absolutePath) {
                try {
                    Path p = Path.of(absolutePath).toRealPath();
                    Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode,isRegularFile,isDirectory");
                    return Optional.of(new FileInfo((Boolean) a.get("isRegularFile"), (Boolean) a.get("isDirectory"),
                            (Integer) a.get("uid"), (Integer) a.get("gid"), ((Integer) a.get("mode")) & 07777));
                } catch (IOException | RuntimeException e) {
                    return posixFallback(absolutePath);
                }
            }
        };
    }

    private static Optional<FileInfo> posixFallback(String absolutePath) {
        try {
            Path p = Path.of(absolutePath);
            if (!Files.exists(p)) {
                return Optional.empty();
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            int mode = 0;
            for (PosixFilePermission perm : perms) {
                mode |= 1 << (8 - perm.ordinal());
            }
            return Optional.of(new FileInfo(Files.isRegularFile(p), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS),
                    0, 0, mode));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static OptionalInt lookup(Path database, String name) {
        try {
            for (String line : Files.readAllLines(database)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[0].equals(name)) {
                    return OptionalInt.of(Integer.parseInt(f[2]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }
}
