package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx in the foreground inside a test namespace, listening on 0.0.0.0:80 and answering
 * every request with a page that names its node ({@code "node NAME\n"}). Its configuration, pid,
 * logs and temp paths live in its own directory. {@link #close()} stops it.
 */
public final class Nginx implements AutoCloseable {
    private final Process process;
    private final Netns ns;

    private Nginx(Process process, Netns ns) {
        this.process = process;
        this.ns = ns;
    }

    /** Starts nginx for node {@code nodeName} and returns once it answers on 127.0.0.1:80. */
    public static Nginx start(Netns ns, Path directory, String nodeName) {
        return start(ns, directory, nodeName, "0.0.0.0", "127.0.0.1");
    }

    /**
     * Starts nginx for node {@code nodeName} listening on {@code address}:80 only, and returns once
     * it answers there (the address must be configured in {@code ns}).
     */
    public static Nginx startOn(Netns ns, Path directory, String nodeName, String address) {
        return start(ns, directory, nodeName, address, address);
    }

    /** The nginx.conf {@link #start} writes into {@code directory}, listening on {@code address}:80. */
    public static Path writeConfig(Path directory, String nodeName, String address) throws IOException {
        Files.createDirectories(directory.resolve("tmp"));
        Path conf = directory.resolve("nginx.conf");
        String d = directory.toString();
        Files.writeString(conf, "daemon off;\nmaster_process on;\nworker_processes 1;\npid " + d + "/nginx.pid;\n"
                + "error_log " + d + "/error.log;\nevents { worker_connections 256; }\n"
                + "http {\n  access_log " + d + "/access.log;\n"
                + "  client_body_temp_path " + d + "/tmp/body;\n  proxy_temp_path " + d + "/tmp/proxy;\n"
                + "  fastcgi_temp_path " + d + "/tmp/fastcgi;\n  uwsgi_temp_path " + d + "/tmp/uwsgi;\n"
                + "  scgi_temp_path " + d + "/tmp/scgi;\n"
                + "  server {\n    listen " + address + ":80 reuseport;\n    keepalive_timeout 0;\n"
                + "    location / { default_type text/plain; return 200 \"node " + nodeName + "\\n\"; }\n  }\n}\n");
        return conf;
    }

    private static Nginx start(Netns ns, Path directory, String nodeName, String listen, String probe) {
        try {
            Path conf = writeConfig(directory, nodeName, listen);
            String d = directory.toString();
            List<String> argv = new ArrayList<>(ns.execPrefix());
            argv.addAll(List.of("nginx", "-e", d + "/error.log", "-p", d, "-c", conf.toString()));
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("nginx.out").toFile()).start();
            Nginx nginx = new Nginx(p, ns);
            try {
                Poll.until("nginx answering in " + ns.name(), Duration.ofSeconds(10),
                        () -> nginx.get(probe).equals("node " + nodeName));
            } catch (AssertionError e) {
                nginx.close();
                throw e;
            }
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx", e);
        }
    }

    /** The body of {@code http://ADDRESS/} fetched from this namespace, trimmed; "" on any failure. */
    public String get(String address) {
        List<String> argv = new ArrayList<>(ns.execPrefix());
        argv.addAll(List.of("curl", "-s", "--max-time", "1", "http://" + address + "/"));
        ProcessResult r = ProcessResult.run(argv, null, Duration.ofSeconds(5));
        return r.exitCode() == 0 ? r.stdout().trim() : "";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
