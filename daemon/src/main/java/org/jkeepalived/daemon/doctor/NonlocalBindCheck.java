package org.jkeepalived.daemon.doctor;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VrrpInstance;

/**
 * Check 5: {@code net.ipv4.ip_nonlocal_bind=0} (or {@code net.ipv6.ip_nonlocal_bind=0}) while a
 * service listens on a VIP. The backup does not hold the VIP, so such a service fails to start or
 * reload there ("bind() to VIP:80 failed (99: Cannot assign requested address)"). Listens come from
 * nginx's own configuration dump ({@code nginx -T}) of every nginx master running in this network
 * namespace, of the configurations given with {@code --nginx-config}, of the default one, and
 * from sockets bound to a VIP right now.
 */
final class NonlocalBindCheck {
    private static final int MAX_PROCESSES = 100_000;

    private NonlocalBindCheck() {
    }

    static List<Finding> run(KeepalivedConfig config, Host host, List<Path> nginxConfigs, Report report) {
        Map<InetAddress, String> vips = new LinkedHashMap<>();
        for (VrrpInstance vi : config.vrrpInstances()) {
            for (VirtualIp vip : vi.virtualIps()) {
                InetAddress a = Addresses.parse(vip.address());
                if (a != null) {
                    vips.putIfAbsent(a, vi.name());
                }
            }
        }
        if (vips.isEmpty()) {
            return List.of();
        }
        List<Listeners.Listen> listens = new ArrayList<>(nginxListens(host, nginxConfigs, report));
        listens.addAll(boundSockets(host));
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Listeners.Listen l : listens) {
            String instance = vips.get(l.address());
            if (instance == null) {
                continue;
            }
            boolean v6 = l.address() instanceof Inet6Address;
            String sysctl = v6 ? "net.ipv6.ip_nonlocal_bind" : "net.ipv4.ip_nonlocal_bind";
            if (host.sysctl(sysctl).orElse(0) != 0) {
                continue;
            }
            String endpoint = (v6 ? "[" + l.address().getHostAddress() + "]" : l.address().getHostAddress()) + ":" + l.port();
            if (seen.add(endpoint)) {
                findings.add(Finding.of(Code.JKA040, instance, l.source() + " listens on VIP " + endpoint + " and "
                                + sysctl + "=0: on the node without the VIP it fails to start or reload"
                                + " (bind: Cannot assign requested address)",
                        "sysctl -w " + sysctl + "=1 and persist it in /etc/sysctl.d/, on both nodes"
                                + " (or listen on the wildcard address)"));
            }
        }
        return findings;
    }

    private static List<Listeners.Listen> nginxListens(Host host, List<Path> configs, Report report) {
        var nginx = host.tool("nginx");
        List<List<String>> invocations = new ArrayList<>();
        for (Path c : configs) {
            invocations.add(List.of("-c", c.toAbsolutePath().toString()));
        }
        invocations.addAll(runningMasters());
        if (invocations.isEmpty() && Files.isRegularFile(Path.of("/etc/nginx/nginx.conf"))) {
            invocations.add(List.of());
        }
        List<Listeners.Listen> out = new ArrayList<>();
        for (List<String> args : invocations) {
            String label = "nginx" + (args.isEmpty() ? "" : " " + String.join(" ", args));
            String dump = null;
            if (nginx.isPresent()) {
                List<String> argv = new ArrayList<>(List.of(nginx.get().toString(), "-T", "-q"));
                argv.addAll(args);
                Host.CommandResult r = host.run(argv);
                dump = r.ok() ? r.stdout() : null;
            }
            if (dump == null) {
                dump = readConfigFile(args);
                if (dump == null) {
                    report.note("nginx: cannot read the configuration of '" + label + "'");
                    continue;
                }
            }
            out.addAll(Listeners.nginxListens(dump, label));
        }
        return out;
    }

    private static String readConfigFile(List<String> args) {
        int c = args.indexOf("-c");
        Path file = c >= 0 && c + 1 < args.size() ? Path.of(args.get(c + 1)) : Path.of("/etc/nginx/nginx.conf");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The -c/-p arguments of every nginx master process in this network namespace. */
    private static List<List<String>> runningMasters() {
        List<List<String>> out = new ArrayList<>();
        for (Path proc : processes()) {
            try {
                String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
                if (!cmdline.startsWith("nginx: master process") || !sameNetworkNamespace(proc)) {
                    continue;
                }
                String[] words = cmdline.trim().split("\\s+");
                List<String> args = new ArrayList<>();
                for (int i = 0; i + 1 < words.length; i++) {
                    if (words[i].equals("-c") || words[i].equals("-p")) {
                        args.add(words[i]);
                        args.add(words[++i]);
                    }
                }
                if (!out.contains(args)) {
                    out.add(args);
                }
            } catch (IOException | RuntimeException e) {
                // the process ended meanwhile
            }
        }
        return out;
    }

    private static List<Listeners.Listen> boundSockets(Host host) {
        List<Listeners.Listen> raw = new ArrayList<>();
        raw.addAll(Listeners.procNet(host.readLines("/proc/self/net/tcp"), true));
        raw.addAll(Listeners.procNet(host.readLines("/proc/self/net/tcp6"), true));
        raw.addAll(Listeners.procNet(host.readLines("/proc/self/net/udp"), false));
        raw.addAll(Listeners.procNet(host.readLines("/proc/self/net/udp6"), false));
        if (raw.isEmpty()) {
            return raw;
        }
        Map<String, String> owners = socketOwners();
        List<Listeners.Listen> out = new ArrayList<>();
        for (Listeners.Listen l : raw) {
            String inode = l.source().substring("inode ".length());
            out.add(new Listeners.Listen(l.address(), l.port(), owners.getOrDefault(inode, "a process (socket inode "
                    + inode + ")")));
        }
        return out;
    }

    /** socket inode → "NAME (pid N)", for processes of this network namespace. */
    private static Map<String, String> socketOwners() {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Path proc : processes()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                String name = Files.readString(proc.resolve("comm"), StandardCharsets.UTF_8).trim();
                for (Path fd : fds) {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        owners.putIfAbsent(target.substring(8, target.length() - 1),
                                name + " (pid " + proc.getFileName() + ")");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        return owners;
    }

    private static List<Path> processes() {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path p : dir) {
                if (out.size() >= MAX_PROCESSES) {
                    break;
                }
                out.add(p);
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static boolean sameNetworkNamespace(Path proc) {
        try {
            return Files.readSymbolicLink(proc.resolve("ns/net"))
                    .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
        } catch (IOException e) {
            return false;
        }
    }
}
