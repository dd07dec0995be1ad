package org.jkeepalived.config.model;

import java.util.List;

/**
 * A {@code virtual_server_group}: each entry as its words ("ADDR [PORT]", "A.B.C.D-E [PORT]",
 * "fwmark N").
 *
 * @param name    group name
 * @param entries entries, each as its words
 */
public record VirtualServerGroup(String name, List<List<String>> entries) {
    public VirtualServerGroup {
        entries = entries.stream().map(List::copyOf).toList();
    }
}
