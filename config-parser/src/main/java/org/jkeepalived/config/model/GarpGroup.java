package org.jkeepalived.config.model;

import java.util.List;

/**
 * A {@code garp_group}: a GARP/NA rate limit shared by interfaces.
 *
 * @param garpIntervalMicros minimum gap between GARPs (0 = none)
 * @param gnaIntervalMicros  minimum gap between NAs (0 = none)
 * @param interfaces         interfaces sharing the limit
 */
public record GarpGroup(long garpIntervalMicros, long gnaIntervalMicros, List<String> interfaces) {
    public GarpGroup {
        interfaces = List.copyOf(interfaces);
    }
}
