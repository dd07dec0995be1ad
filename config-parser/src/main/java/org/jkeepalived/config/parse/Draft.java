package org.jkeepalived.config.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable block under construction. Keywords without a dedicated handler record their raw
 * arguments in {@link #settings} so that nothing the user wrote is lost from the model.
 */
class Draft {
    final Map<String, List<String>> settings = new LinkedHashMap<>();

    void record(String keyword, List<String> args) {
        settings.put(keyword, List.copyOf(args));
    }
}
