package org.jkeepalived.daemon.doctor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Read access to the live host, in this process's network namespace: interfaces and their
 * addresses, sysctls, /proc files, and external tools (nft, iptables-save, nginx, ip) run with a
 * time limit. Never changes anything. Thread-safe (no state).
 */
public class Host {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> TOOL_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin",
            "/usr/local/bin");

    /** The outcome of an external command. */
    public record CommandResult(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** An address on an interface. */
    public record Address(InetAddress address, int prefixLength) {
    }

    /** The names of every interface of the namespace, up or down ({@code /proc/self/net/dev}). */
    public List<String> interfaceNames() {
        List<String> names = new ArrayList<>();
        for (String line : readLines("/proc/self/net/dev")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                names.add(line.substring(0, colon).trim());
            }
        }
        return names;
    }

    public boolean interfaceExists(String name) {
        return interfaceNames().contains(name);
    }

    /** The addresses on {@code name}; empty when it does not exist or has none. */
    public List<Address> addresses(String name) {
        List<Address> out = new ArrayList<>();
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif != null) {
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    out.add(new Address(stripScope(a.getAddress()), a.getNetworkPrefixLength()));
                }
            }
        } catch (SocketException e) {
            return out;
        }
        return out;
    }

    /** Whether {@code address} is configured on {@code name}. */
    public boolean hasAddress(String name, InetAddress address) {
        return addresses(name).stream().anyMatch(a -> a.address().equals(address));
    }

    /** The interface that carries {@code address}, if any. */
    public Optional<String> interfaceWith(InetAddress address) {
        return interfaceNames().stream().filter(n -> hasAddress(n, address)).findFirst();
    }

    /** The hardware address of {@code name}, if it has one. */
    public Optional<byte[]> mac(String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            byte[] mac = nif == null ? null : nif.getHardwareAddress();
            return Optional.ofNullable(mac);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    /** An integer sysctl, by its dotted name ("net.ipv4.conf.all.rp_filter"); empty if absent. */
    public OptionalInt sysctl(String dottedName) {
        String[] parts = dottedName.split("\\.");
        // interface names may contain dots: only the prefix up to "conf.X." is split
        Path path = Path.of("/proc/sys", parts);
        if (dottedName.startsWith("net.ipv4.conf.") || dottedName.startsWith("net.ipv6.conf.")) {
            String rest = dottedName.substring("net.ipv4.conf.".length());
            int last = rest.lastIndexOf('.');
            path = Path.of("/proc/sys/net", dottedName.substring(4, 8), "conf", rest.substring(0, last),
                    rest.substring(last + 1));
        }
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(path, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The lines of a file, or none when it cannot be read. */
    public List<String> readLines(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The executable {@code tool} from PATH or the system directories, if installed. */
    public Optional<Path> tool(String tool) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(TOOL_DIRS);
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Optional.of(Path.of(dir, tool));
            }
        }
        return Optional.empty();
    }

    /** Runs a command to completion (at most 20 s; then it is killed and reported as exit -1). */
    public CommandResult run(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            Collector out = new Collector(p.getInputStream());
            Collector err = new Collector(p.getErrorStream());
            out.start();
            err.start();
            boolean finished = p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            out.join(5000);
            err.join(5000);
            return new CommandResult(finished ? p.exitValue() : -1, out.text(), err.text());
        } catch (IOException e) {
            return new CommandResult(-1, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(-1, "", "interrupted");
        }
    }

    private static InetAddress stripScope(InetAddress a) {
        if (a instanceof java.net.Inet6Address v6 && v6.getScopeId() != 0) {
            try {
                return InetAddress.getByAddress(v6.getAddress());
            } catch (java.net.UnknownHostException impossible) {
                return a;
            }
        }
        return a;
    }

    private static final class Collector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Collector(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(bytes);
            } catch (IOException ignored) {
                // the process went away; what was read is what there is
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
