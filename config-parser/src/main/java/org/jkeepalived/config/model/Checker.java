package org.jkeepalived.config.model;

import java.util.List;
import java.util.Map;

/**
 * One health-checker block inside a {@code real_server} (HTTP_GET, SSL_GET, TCP_CHECK, PING_CHECK,
 * UDP_CHECK, SMTP_CHECK, DNS_CHECK, MISC_CHECK, FILE_CHECK, BFD_CHECK).
 *
 * @param type      the block keyword
 * @param settings  every keyword given in the block with its raw arguments (last one wins)
 * @param urls      HTTP_GET/SSL_GET {@code url} blocks, each as its keyword → arguments
 * @param hosts     SMTP_CHECK {@code host} blocks, each as its keyword → arguments
 * @param script    MISC_CHECK {@code misc_path} or null
 */
public record Checker(String type, Map<String, List<String>> settings, List<Map<String, List<String>>> urls,
                      List<Map<String, List<String>>> hosts, NotifyScript script) {
    public Checker {
        settings = Map.copyOf(settings);
        urls = urls.stream().map(Map::copyOf).toList();
        hosts = hosts.stream().map(Map::copyOf).toList();
    }
}
