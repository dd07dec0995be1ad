package org.jkeepalived.daemon.control;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.loop.Timed;
import org.jkeepalived.daemon.vrrp.InstanceRuntime;
import org.jkeepalived.daemon.vrrp.VrrpService;
import org.jkeepalived.vrrp.state.InstanceEvent;
import org.jkeepalived.vrrp.state.SyncGroup;
import org.jkeepalived.vrrp.state.VrrpInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Planned handover on the loop thread: {@code demote NAME [SECONDS]} and {@code promote NAME}
 * for an instance or a sync group (all its members), through
 * {@link InstanceEvent.Demote}/{@link InstanceEvent.Promote}. A timed demotion ends by a loop
 * timer; a new demote of the same instance replaces its period, a promote cancels it. A
 * demotion lives with the running instance: one a reload removes or restarts starts undemoted.
 * Loop thread only.
 */
final class Handover {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    /** Longest accepted demotion period: a year. */
    static final long MAX_SECONDS = 365L * 24 * 3600;

    private final EventLoop loop;
    private final VrrpService vrrp;
    private final Map<String, Expiry> expiries = new HashMap<>();

    Handover(EventLoop loop, VrrpService vrrp) {
        this.loop = loop;
        this.vrrp = vrrp;
    }

    /** Outcome of a command: the reply line the control socket sends. */
    record Result(boolean ok, String message) {
        String reply() {
            return (ok ? "OK " : "ERROR ") + message;
        }
    }

    /**
     * @param seconds demotion period, 0 for until promoted
     */
    Result demote(String name, long seconds) {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            return new Result(false, "demotion period must be 0.." + MAX_SECONDS + " seconds");
        }
        List<String> members = resolve(name);
        if (members.isEmpty()) {
            return unknown(name);
        }
        LOG.info("{} demote requested{}", label(name, members), seconds > 0 ? " for " + seconds + " s" : "");
        for (String member : members) {
            cancelExpiry(member);
            vrrp.apply(member, InstanceEvent.Demote.INSTANCE);
            if (seconds > 0) {
                Expiry expiry = new Expiry(member, seconds, System.currentTimeMillis() + seconds * 1000);
                expiries.put(member, expiry);
                loop.schedule(expiry, loop.now() + seconds * 1_000_000_000L);
            }
        }
        return new Result(true, String.join(",", members) + " demoted" + (seconds > 0 ? " for " + seconds + " s"
                : " until promoted") + states(members));
    }

    Result promote(String name) {
        List<String> members = resolve(name);
        if (members.isEmpty()) {
            return unknown(name);
        }
        LOG.info("{} promote requested", label(name, members));
        for (String member : members) {
            cancelExpiry(member);
            vrrp.apply(member, InstanceEvent.Promote.INSTANCE);
        }
        return new Result(true, String.join(",", members) + " promoted" + states(members));
    }

    /** Wall-clock end of {@code instance}'s timed demotion, 0 for none. */
    long demotedUntilMillis(String instance) {
        Expiry expiry = expiries.get(instance);
        return expiry == null ? 0 : expiry.untilMillis;
    }

    /** Cancels every pending expiry (shutdown). */
    void cancelAll() {
        expiries.values().forEach(loop::cancel);
        expiries.clear();
    }

    private List<String> resolve(String name) {
        if (vrrp.instances().containsKey(name)) {
            return List.of(name);
        }
        SyncGroup group = vrrp.syncGroups().get(name);
        if (group == null) {
            return List.of();
        }
        return group.members().stream().map(VrrpInstance::name).filter(vrrp.instances()::containsKey).toList();
    }

    private static Result unknown(String name) {
        return new Result(false, "no VRRP instance or sync group named " + name);
    }

    private static String label(String name, List<String> members) {
        return members.size() == 1 && members.get(0).equals(name) ? "(" + name + ")" : "VRRP_Group(" + name + ")";
    }

    private String states(List<String> members) {
        StringBuilder out = new StringBuilder(" (");
        for (int i = 0; i < members.size(); i++) {
            InstanceRuntime r = vrrp.instances().get(members.get(i));
            out.append(i == 0 ? "" : ", ").append(members.get(i)).append(' ')
                    .append(r == null ? "gone" : r.core().state() + " priority " + r.core().effectivePriority());
        }
        return out.append(')').toString();
    }

    private void cancelExpiry(String member) {
        Expiry old = expiries.remove(member);
        if (old != null) {
            loop.cancel(old);
        }
    }

    /** Ends one instance's timed demotion. */
    private final class Expiry extends Timed {
        private final String instance;
        private final long seconds;
        private final long untilMillis;

        Expiry(String instance, long seconds, long untilMillis) {
            this.instance = instance;
            this.seconds = seconds;
            this.untilMillis = untilMillis;
        }

        @Override
        protected void fire(long nowNanos) {
            expiries.remove(instance, this);
            LOG.info("({}) demotion of {} s ended - promoting", instance, seconds);
            vrrp.apply(instance, InstanceEvent.Promote.INSTANCE);
        }
    }
}
