package org.jkeepalived.config.model;

import java.util.Map;

/**
 * The {@code auth_hmac} block (keepalived 2.4.0+; accepted here, see docs/compatibility.md).
 *
 * @param keys            key id → key specification text (hex:…, file:… or ASCII)
 * @param activeKey       key id used for signing, or -1
 * @param timeWindowSeconds freshness window, or -1 for the default
 * @param antiReplay      "time" or "monotonic"
 * @param mode            "enforce", "permissive" or "receive-only"
 */
public record AuthHmac(Map<Integer, String> keys, int activeKey, int timeWindowSeconds, String antiReplay,
                       String mode) {
    public AuthHmac {
        keys = Map.copyOf(keys);
    }
}
