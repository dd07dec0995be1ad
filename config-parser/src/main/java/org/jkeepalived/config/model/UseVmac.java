package org.jkeepalived.config.model;

/**
 * {@code use_vmac}: the macvlan interface keepalived creates for the instance.
 *
 * @param interfaceName VMAC interface name (explicit, or vrrp.VRID)
 * @param mac           explicit MAC or null for the VRRP virtual MAC
 */
public record UseVmac(String interfaceName, String mac) {
}
