package org.jkeepalived.config.model;

import java.util.List;
import java.util.Map;

/**
 * {@code global_defs} (and the root-level parent keywords) with keepalived's defaults.
 *
 * @param routerId               router_id (default: the local host name)
 * @param notificationEmails     recipients
 * @param notificationEmailFrom  From: address or null
 * @param smtpServer             SMTP relay "ADDR[:PORT]" or null
 * @param smtpConnectTimeoutSeconds SMTP connect timeout
 * @param defaultInterface       default_interface (eth0)
 * @param dynamicInterfaces      dynamic_interfaces given
 * @param vrrpMcastGroup4        IPv4 advert group
 * @param vrrpMcastGroup6        IPv6 advert group
 * @param garp                   global GARP defaults
 * @param downTimerAdverts       vrrp_down_timer_adverts
 * @param garpIntervalMicros     vrrp_garp_interval (0 = none)
 * @param gnaIntervalMicros      vrrp_gna_interval (0 = none)
 * @param lowerPrioNoAdvert      vrrp_lower_prio_no_advert
 * @param higherPrioSendAdvert   vrrp_higher_prio_send_advert
 * @param dualMasterStepDownAdvert jkeepalived's dual_master_step_down_advert (default true): a MASTER
 *                               that steps down for a higher advert sends one advert first (docs/dual-master.md)
 * @param vrrpVersion            default VRRP version
 * @param vrrpStrict             vrrp_strict
 * @param skipCheckAdvAddr       vrrp_skip_check_adv_addr
 * @param checkUnicastSrc        vrrp_check_unicast_src
 * @param scriptUser             script_user or null (keepalived_script if it exists, else root)
 * @param scriptGroup            script group or null
 * @param enableScriptSecurity   enable_script_security
 * @param smtpAlert              smtp_alert (null = unset)
 * @param notifyFifo             notify_fifo path or null
 * @param vrrpNotifyFifo         vrrp_notify_fifo path or null
 * @param otherSettings          every other global keyword given, with its raw arguments
 */
public record GlobalDefs(String routerId, List<String> notificationEmails, String notificationEmailFrom,
                         String smtpServer, int smtpConnectTimeoutSeconds, String defaultInterface,
                         boolean dynamicInterfaces, String vrrpMcastGroup4, String vrrpMcastGroup6,
                         GarpSettings garp, int downTimerAdverts, long garpIntervalMicros, long gnaIntervalMicros,
                         boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert,
                         boolean dualMasterStepDownAdvert, int vrrpVersion,
                         boolean vrrpStrict, boolean skipCheckAdvAddr, boolean checkUnicastSrc, String scriptUser,
                         String scriptGroup, boolean enableScriptSecurity, Boolean smtpAlert, String notifyFifo,
                         String vrrpNotifyFifo, Map<String, List<String>> otherSettings) {
    public GlobalDefs {
        notificationEmails = List.copyOf(notificationEmails);
        otherSettings = Map.copyOf(otherSettings);
    }
}
