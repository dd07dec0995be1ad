package org.jkeepalived.config.parse;

/**
 * The parsing passes of {@code keepalived -t}, in the order keepalived runs them: the parent reads
 * the files, then the checker (LVS), VRRP and BFD children each parse the consolidated copy with
 * their own keyword tree. A root-level problem is therefore reported once per pass.
 */
public enum Pass {
    PARENT, CHECKER, VRRP, BFD
}
