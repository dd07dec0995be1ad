/**
 * The immutable, effective configuration: every record holds the values keepalived 2.2.7 would use
 * after parsing and validation, with its defaults filled in. Lists are unmodifiable copies; records
 * are safe to share between threads.
 */
package org.jkeepalived.config.model;
