package org.jkeepalived.config.model;

/**
 * VRRPv2 {@code authentication}: after validation (strict mode, v3 or no password clear it).
 *
 * @param type     NONE, PASS or AH
 * @param password password as used (at most 8 bytes), or "" for NONE
 */
public record Authentication(Type type, String password) {
    public static final Authentication NONE = new Authentication(Type.NONE, "");

    public enum Type { NONE, PASS, AH }
}
