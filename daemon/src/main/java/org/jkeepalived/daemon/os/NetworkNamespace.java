package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * keepalived's {@code -s/--namespace NAME}: the daemon must run inside network namespace NAME
 * ({@code /run/netns/NAME}, as {@code ip netns} names it). A JVM cannot move its already running
 * threads there, so the launcher enters it ({@code ip netns exec}) before java starts; this class
 * only checks that it did. Stateless.
 */
public final class NetworkNamespace {
    private static final Path NETNS_DIR = Path.of("/run/netns");
    private static final Path OWN = Path.of("/proc/self/ns/net");

    private NetworkNamespace() {
    }

    /** Where {@code ip netns} keeps the namespace {@code name}. */
    public static Path path(String name) {
        return NETNS_DIR.resolve(name);
    }

    /**
     * Empty when this process runs in namespace {@code name}; otherwise why not, for the log.
     */
    public static Optional<String> whyNotIn(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            return Optional.of("Invalid network namespace name '" + name + "'");
        }
        Path target = path(name);
        if (!Files.exists(target)) {
            return Optional.of("Network namespace " + name + " does not exist (" + target + ")");
        }
        try {
            if (sameFile(target, OWN)) {
                return Optional.empty();
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("Cannot compare network namespace " + name + " with our own: " + e.getMessage());
        }
        return Optional.of("Not running in network namespace " + name + ": start jkeepalived through its launcher "
                + "(bin/jkeepalived), which enters it with 'ip netns exec " + name + "'");
    }

    /** Namespace files are the same namespace when device and inode match (what {@code ip netns identify} does). */
    private static boolean sameFile(Path a, Path b) throws IOException {
        return Files.getAttribute(a, "unix:ino").equals(Files.getAttribute(b, "unix:ino"))
                && Files.getAttribute(a, "unix:dev").equals(Files.getAttribute(b, "unix:dev"));
    }
}
