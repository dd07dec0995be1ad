package org.jkeepalived.config.model;

import java.util.Map;

/**
 * A {@code virtual_rules}/{@code static_rules} entry in {@code ip rule} syntax.
 *
 * @param from       source prefix or null
 * @param to         destination prefix or null
 * @param table      table or null
 * @param preference preference (keepalived assigns 16384 downwards when missing)
 * @param options    every other option, keyword → value ("" for flags)
 */
public record VirtualRule(String from, String to, String table, long preference, Map<String, String> options) {
    public VirtualRule {
        options = Map.copyOf(options);
    }
}
