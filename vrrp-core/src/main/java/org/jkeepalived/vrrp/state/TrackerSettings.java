package org.jkeepalived.vrrp.state;

import java.util.Objects;

/**
 * One tracked object (script, interface, file, process …) as the instance sees it.
 *
 * @param name    unique name within the instance
 * @param weight  0: failure puts the instance in FAULT; &gt; 0: added to the priority while up;
 *                &lt; 0: added (subtracted) while down — keepalived's {@code weight}
 * @param reverse invert the up/down status ({@code reverse} / {@code weight … reverse})
 */
public record TrackerSettings(String name, int weight, boolean reverse) {
    public TrackerSettings {
        Objects.requireNonNull(name, "name");
        if (weight < -254 || weight > 254) {
            throw new IllegalArgumentException("tracker weight must be -254..254, got " + weight);
        }
    }
}
