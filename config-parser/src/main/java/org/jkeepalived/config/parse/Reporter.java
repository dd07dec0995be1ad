package org.jkeepalived.config.parse;

import org.jkeepalived.config.ConfigError;

/** Where validation messages go: keepalived prints them without a line prefix. */
@FunctionalInterface
interface Reporter {
    void report(ConfigError error, String message);

    /** A reporter that drops everything (used to build a model keepalived would not validate). */
    Reporter SILENT = (e, m) -> { };
}
