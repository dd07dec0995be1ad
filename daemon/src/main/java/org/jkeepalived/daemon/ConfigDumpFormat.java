package org.jkeepalived.daemon;

import java.util.Locale;

/** The forms {@code --dump-conf} prints: readable text, or JSON for tools. */
public enum ConfigDumpFormat {
    TEXT, JSON;

    static ConfigDumpFormat parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dump-conf takes 'text' or 'json', not '" + value + "'", e);
        }
    }
}
