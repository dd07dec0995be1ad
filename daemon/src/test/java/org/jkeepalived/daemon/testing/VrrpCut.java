package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Directional VRRP partitions on a {@link Topology}'s switch: an nftables {@code bridge} table in
 * the switch namespace drops IP protocol 112 forwarded from one node's port to another's, so
 * "lb2 no longer hears lb1" can hold while lb1 still hears lb2 (one-way deafness). Links stay up
 * and everything else still passes. Filtering on the bridge, not in the nodes, because
 * jkeepalived reads adverts with a packet socket, which sees frames before the node's netfilter.
 * {@link #close()} removes the table and never throws. One test thread.
 */
public final class VrrpCut implements AutoCloseable {
    private static final String TABLE = "jk_vrrp_cut";

    private final Topology lan;
    private final Set<String> dropped = new LinkedHashSet<>();

    public VrrpCut(Topology lan) {
        this.lan = lan;
    }

    /** Adverts from {@code from} no longer reach {@code to}. */
    public void drop(String from, String to) {
        dropped.add(lan.node(from).switchPort() + " " + lan.node(to).switchPort());
        apply();
    }

    /** Adverts from {@code from} reach {@code to} again. */
    public void pass(String from, String to) {
        dropped.remove(lan.node(from).switchPort() + " " + lan.node(to).switchPort());
        apply();
    }

    /** Both directions between {@code a} and {@code b} dropped. */
    public void partition(String a, String b) {
        dropped.add(lan.node(a).switchPort() + " " + lan.node(b).switchPort());
        dropped.add(lan.node(b).switchPort() + " " + lan.node(a).switchPort());
        apply();
    }

    /** Nothing dropped any more. */
    public void heal() {
        dropped.clear();
        apply();
    }

    /** Replaces the whole table in one nft transaction, so a change never passes through "all open". */
    private void apply() {
        StringBuilder rules = new StringBuilder("table bridge " + TABLE + " {}\nflush table bridge " + TABLE + "\n"
                + "table bridge " + TABLE + " {\n  chain cut {\n    type filter hook forward priority 0; policy accept;\n");
        for (String pair : dropped) {
            String[] ports = pair.split(" ");
            rules.append("    iifname \"").append(ports[0]).append("\" oifname \"").append(ports[1])
                    .append("\" ip protocol 112 drop\n");
        }
        rules.append("  }\n}\n");
        nft(rules.toString());
    }

    private void nft(String script) {
        List<String> argv = new ArrayList<>(lan.switchNs().execPrefix());
        argv.addAll(List.of("nft", "-f", "-"));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("nft failed in " + lan.switchNs().name() + ": " + out + "\n" + script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run nft in " + lan.switchNs().name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            dropped.clear();
            nft("table bridge " + TABLE + " {}\ndelete table bridge " + TABLE + "\n");
        } catch (RuntimeException e) {
            // The namespace may already be gone with the topology.
        }
    }
}
