package org.jkeepalived.config.model;

/** The initial state an instance wants ({@code state}); keepalived's dump calls it Wantstate. */
public enum VrrpState {
    MASTER, BACKUP
}
