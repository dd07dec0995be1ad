package org.jkeepalived.daemon.track;

/**
 * A track_interface source: its up/down state is fed by the event loop from netlink link events
 * (keepalived's IF_FLAGS_UP: administratively up and running). Loop thread only.
 */
public final class TrackedInterface implements TrackedSource {
    private final String name;
    private boolean up;

    /** A tracked interface that starts in {@code initiallyUp}. */
    public TrackedInterface(String name, boolean initiallyUp) {
        this.name = name;
        this.up = initiallyUp;
    }

    @Override
    public String name() {
        return name;
    }

    public boolean up() {
        return up;
    }

    /** Records a link state; returns whether it changed. */
    public boolean setUp(boolean nowUp) {
        boolean changed = up != nowUp;
        up = nowUp;
        return changed;
    }

    @Override
    public int contribution(int weight, boolean reverse) {
        return TrackedSource.binaryContribution(up, weight, reverse);
    }

    @Override
    public boolean faults(int weight, boolean reverse) {
        return TrackedSource.binaryFaults(up, weight, reverse);
    }
}
