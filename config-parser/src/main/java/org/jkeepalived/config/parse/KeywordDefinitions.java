package org.jkeepalived.config.parse;

import java.util.EnumSet;
import java.util.Set;

/**
 * The keyword tree of keepalived 2.2.7 (Debian build: LVS, VRRP, BFD, SNMP, DBus, nftables, VMAC,
 * ipvlan, VRF, track_process, linkbeat; no iptables/ipset, so {@code vrrp_ipsets} is unknown) plus
 * the keywords added by later releases, marked with {@code since}, and jkeepalived's own
 * extensions, marked with {@code since(Keyword.EXTENSION)}. Root keywords name the passes
 * that handle them: the parent handles global settings, the checker LVS, the VRRP child VRRP, and
 * both children also parse {@code track_file} and {@code bfd_instance}, as keepalived does.
 *
 * <p>This is data: one statement per keyword, generated once from keepalived's keyword list and
 * then wired to handlers by hand; docs/compatibility.md is derived from it
 * ({@link KeywordTable#allKeywords()}).
 */
public final class KeywordDefinitions {
    private static final Set<Pass> PARENT = EnumSet.of(Pass.PARENT);
    private static final Set<Pass> VRRP_ONLY = EnumSet.of(Pass.VRRP);
    private static final Set<Pass> CHECKER_VRRP = EnumSet.of(Pass.CHECKER, Pass.VRRP);
    private static final Set<Pass> CHECKER_VRRP_BFD = EnumSet.of(Pass.CHECKER, Pass.VRRP, Pass.BFD);

    private static final KeywordTable TABLE = build();

    private KeywordDefinitions() {
    }

    /** The shared, immutable keyword table. */
    public static KeywordTable table() {
        return TABLE;
    }

    private static KeywordTable build() {
        KeywordLevel rootLevel = new KeywordLevel();
        KeywordTable.Builder root = new KeywordTable.Builder(rootLevel, "", PARENT);
        parent(root);
        globalDefs(root);
        vrrp(root);
        vrrpInstance(root);
        bfd(root);
        CheckerKeywordDefinitions.checker(root);
        CheckerKeywordDefinitions.virtualServer(root);
        return new KeywordTable(rootLevel);
    }

    private static void parent(KeywordTable.Builder root) {
        root.kwActive("linkbeat_use_polling", ArgShape.NONE, PARENT, "off (netlink)", Handlers::record);
        root.kwActive("net_namespace", ArgShape.REQUIRED, PARENT, "none", Handlers::record);
        root.kwActive("net_namespace_ipvs", ArgShape.OPTIONAL, PARENT, "same ns", Handlers::record);
        root.kwActive("namespace_with_ipsets", ArgShape.NONE, PARENT, "off", Handlers::record);
        root.kwActive("use_pid_dir", ArgShape.NONE, PARENT, "off", Handlers::record);
        root.kwActive("instance", ArgShape.REQUIRED, PARENT, "none", Handlers::record);
        root.kwActive("child_wait_time", ArgShape.REQUIRED, PARENT, "5", GlobalMiscHandlers::childWaitTime);
    }

    private static void globalDefs(KeywordTable.Builder root) {
        root.blockActive("global_defs", ArgShape.BLOCK, PARENT, GlobalHandlers::globalDefs, GlobalHandlers::globalDefsEnd, b2 -> {
            b2.kw("process_names", ArgShape.NONE, "unset", Handlers::record);
            b2.kw("process_name", ArgShape.OPTIONAL, "unset", GlobalProcessHandlers::processName);
            b2.kw("vrrp_process_name", ArgShape.OPTIONAL, "unset", GlobalProcessHandlers::processName);
            b2.kw("checker_process_name", ArgShape.OPTIONAL, "unset", GlobalProcessHandlers::processName);
            b2.kw("lvs_process_name", ArgShape.OPTIONAL, "unset", GlobalProcessHandlers::processName);
            b2.kw("bfd_process_name", ArgShape.OPTIONAL, "unset", GlobalProcessHandlers::processName);
            b2.since("2.3.0").kw("use_symlink_paths", ArgShape.OPTIONAL, "false", Handlers::record).since("2.2.7");
            b2.since("2.4.3+").kw("set_supplementary_groups", ArgShape.OPTIONAL, "false", Handlers::record).since("2.2.7");
            b2.kw("router_id", ArgShape.OPTIONAL, "local host name (uname nodename)", GlobalHandlers::routerId);
            b2.kw("notification_email_from", ArgShape.OPTIONAL, "USER@local_hostname (only if smtp_server set)", GlobalHandlers::emailFrom);
            b2.kw("smtp_server", ArgShape.REQUIRED, "none; port 25", GlobalHandlers::smtpServer);
            b2.kw("smtp_helo_name", ArgShape.OPTIONAL, "local host name", Handlers::record);
            b2.kw("smtp_connect_timeout", ArgShape.REQUIRED, "30", GlobalHandlers::smtpConnectTimeout);
            b2.kw("notification_email", ArgShape.VALUE_BLOCK, "empty", GlobalHandlers::notificationEmail);
            b2.kw("smtp_alert", ArgShape.OPTIONAL, "unset (-1)", GlobalHandlers::smtpAlert);
            b2.kw("startup_script", ArgShape.OPTIONAL, "none", GlobalProcessHandlers::script);
            b2.kw("startup_script_timeout", ArgShape.OPTIONAL, "10", GlobalProcessHandlers::scriptTimeout);
            b2.kw("shutdown_script", ArgShape.OPTIONAL, "none", GlobalProcessHandlers::script);
            b2.kw("shutdown_script_timeout", ArgShape.OPTIONAL, "10", GlobalProcessHandlers::scriptTimeout);
            b2.kw("max_auto_priority", ArgShape.OPTIONAL, "0 (no auto increase); no arg = sched max", GlobalProcessHandlers::maxAutoPriority);
            b2.kw("min_auto_priority_delay", ArgShape.OPTIONAL, "1000000", GlobalProcessHandlers::minAutoPriorityDelay);
            b2.kw("smtp_alert_vrrp", ArgShape.OPTIONAL, "unset", GlobalHandlers::smtpAlertVrrp);
            b2.kw("smtp_alert_checker", ArgShape.OPTIONAL, "unset", GlobalProcessHandlers::globalFlag);
            b2.kw("checker_log_all_failures", ArgShape.OPTIONAL, "false", GlobalProcessHandlers::checkerLogAllFailures);
            b2.kw("dynamic_interfaces", ArgShape.OPTIONAL, "off", GlobalHandlers::dynamicInterfaces);
            b2.kw("no_email_faults", ArgShape.NONE, "off", Handlers::record);
            b2.kw("default_interface", ArgShape.OPTIONAL, "eth0", GlobalHandlers::defaultInterface);
            b2.kw("disable_local_igmp", ArgShape.NONE, "off", Handlers::record);
            b2.since("2.2.8").kw("v3_checksum_as_v2", ArgShape.NONE, "off", Handlers::record).since("2.2.7");
            b2.kw("lvs_timeouts", ArgShape.OPTIONAL, "unchanged", GlobalProcessHandlers::lvsTimeouts);
            b2.kw("lvs_flush", ArgShape.NONE, "off", Handlers::record);
            b2.kw("lvs_flush_on_stop", ArgShape.OPTIONAL, "off", GlobalMiscHandlers::lvsFlushOnStop);
            b2.kw("lvs_flush_onstop", ArgShape.OPTIONAL, "off", GlobalMiscHandlers::lvsFlushOnStop);
            b2.kw("lvs_sync_daemon", ArgShape.OPTIONAL, "none; id=VRID; port 8848; group 224.0.0.81", GlobalProcessHandlers::lvsSyncDaemon);
            b2.kw("vrrp_mcast_group4", ArgShape.REQUIRED, "224.0.0.18", GlobalHandlers::mcastGroup4);
            b2.kw("vrrp_mcast_group6", ArgShape.REQUIRED, "ff02::12", GlobalHandlers::mcastGroup6);
            b2.kw("vrrp_garp_master_delay", ArgShape.REQUIRED, "5", GlobalHandlers::garpMasterDelay);
            b2.kw("vrrp_garp_master_repeat", ArgShape.REQUIRED, "5", GlobalHandlers::garpMasterRepeat);
            b2.kw("vrrp_garp_master_refresh", ArgShape.REQUIRED, "0 (off)", GlobalHandlers::garpMasterRefresh);
            b2.kw("vrrp_garp_master_refresh_repeat", ArgShape.REQUIRED, "1", GlobalHandlers::garpMasterRefreshRepeat);
            b2.kw("vrrp_garp_lower_prio_delay", ArgShape.REQUIRED, "= vrrp_garp_master_delay", GlobalHandlers::garpLowerPrioDelay);
            b2.kw("vrrp_garp_lower_prio_repeat", ArgShape.REQUIRED, "= vrrp_garp_master_repeat", GlobalHandlers::garpLowerPrioRepeat);
            b2.kw("vrrp_down_timer_adverts", ArgShape.REQUIRED, "3", GlobalHandlers::downTimerAdverts);
            b2.kw("vrrp_garp_interval", ArgShape.REQUIRED, "0", GlobalHandlers::garpInterval);
            b2.kw("vrrp_gna_interval", ArgShape.REQUIRED, "0", GlobalHandlers::gnaInterval);
            b2.kw("vrrp_min_garp", ArgShape.OPTIONAL, "false", GlobalHandlers::minGarp);
            b2.kw("vrrp_garp_extra_if", ArgShape.OPTIONAL, "0 (off)", GlobalHandlers::garpExtraIf);
            b2.kw("vrrp_vmac_garp_intvl", ArgShape.OPTIONAL, "—", GlobalHandlers::garpExtraIf);
            b2.kw("vrrp_lower_prio_no_advert", ArgShape.OPTIONAL, "false (BOOL default true when given)", GlobalHandlers::lowerPrioNoAdvert);
            b2.kw("vrrp_higher_prio_send_advert", ArgShape.OPTIONAL, "false", GlobalHandlers::higherPrioSendAdvert);
            b2.since(Keyword.EXTENSION).kw("dual_master_step_down_advert", ArgShape.OPTIONAL,
                    "true; false in strict (docs/dual-master.md)", GlobalHandlers::dualMasterStepDownAdvert).since("2.2.7");
            b2.kw("vrrp_version", ArgShape.REQUIRED, "2", GlobalHandlers::vrrpVersion);
            b2.kw("vrrp_iptables", ArgShape.OPTIONAL, "none; no args = INPUT/OUTPUT", GlobalHandlers::vrrpIptables);
            b2.kw("nftables", ArgShape.OPTIONAL, "none; TABLE=keepalived", GlobalHandlers::nftables);
            b2.kw("nftables_priority", ArgShape.REQUIRED, "-1", GlobalMiscHandlers::nftablesPriority);
            b2.kw("nftables_ifindex", ArgShape.NONE, "off", Handlers::record);
            b2.kw("vrrp_check_unicast_src", ArgShape.NONE, "off", GlobalHandlers::checkUnicastSrc);
            b2.kw("vrrp_skip_check_adv_addr", ArgShape.OPTIONAL, "false", GlobalHandlers::skipCheckAdvAddr);
            b2.kw("vrrp_strict", ArgShape.OPTIONAL, "false", GlobalHandlers::strict);
            b2.kw("vrrp_priority", ArgShape.OPTIONAL, "0", GlobalProcessHandlers::priority);
            b2.kw("vrrp_no_swap", ArgShape.NONE, "off", Handlers::record);
            b2.kw("vrrp_rt_priority", ArgShape.OPTIONAL, "0 (none)", GlobalProcessHandlers::rtPriority);
            b2.kw("vrrp_cpu_affinity", ArgShape.OPTIONAL, "none", GlobalProcessHandlers::cpuAffinity);
            b2.kw("vrrp_rlimit_rttime", ArgShape.REQUIRED, "10000", GlobalProcessHandlers::rlimit);
            b2.kw("vrrp_rlimit_rtime", ArgShape.REQUIRED, "10000", GlobalProcessHandlers::rlimit);
            b2.kw("nftables_ipvs", ArgShape.OPTIONAL, "none; TABLE=keepalived_ipvs", Handlers::record);
            b2.kw("nftables_ipvs_priority", ArgShape.REQUIRED, "-1", GlobalMiscHandlers::nftablesPriority);
            b2.kw("nftables_ipvs_start_fwmark", ArgShape.REQUIRED, "1000", GlobalMiscHandlers::nftablesPriority);
            b2.kw("nftables_counters", ArgShape.NONE, "off", Handlers::record);
            b2.kw("notify_fifo", ArgShape.OPTIONAL, "none", GlobalHandlers::notifyFifo);
            b2.kw("notify_fifo_script", ArgShape.REQUIRED, "none", Handlers::record);
            b2.kw("vrrp_notify_fifo", ArgShape.OPTIONAL, "none", GlobalHandlers::vrrpNotifyFifo);
            b2.kw("vrrp_notify_fifo_script", ArgShape.REQUIRED, "none", Handlers::record);
            b2.kw("vrrp_notify_priority_changes", ArgShape.OPTIONAL, "false", GlobalHandlers::notifyPriorityChanges);
            b2.kw("fifo_write_vrrp_states_on_reload", ArgShape.NONE, "off", Handlers::record);
            b2.kw("lvs_notify_fifo", ArgShape.REQUIRED, "none", Handlers::record);
            b2.kw("lvs_notify_fifo_script", ArgShape.REQUIRED, "none", Handlers::record);
            b2.kw("checker_priority", ArgShape.OPTIONAL, "0", GlobalProcessHandlers::priority);
            b2.kw("checker_no_swap", ArgShape.NONE, "off", Handlers::record);
            b2.kw("checker_rt_priority", ArgShape.OPTIONAL, "0", GlobalProcessHandlers::rtPriority);
            b2.kw("checker_cpu_affinity", ArgShape.OPTIONAL, "none", GlobalProcessHandlers::cpuAffinity);
            b2.kw("checker_rlimit_rttime", ArgShape.REQUIRED, "10000", GlobalProcessHandlers::rlimit);
            b2.kw("checker_rlimit_rtime", ArgShape.REQUIRED, "10000", GlobalProcessHandlers::rlimit);
            b2.kw("bfd_priority", ArgShape.OPTIONAL, "0", GlobalProcessHandlers::priority);
            b2.kw("bfd_no_swap", ArgShape.NONE, "off", Handlers::record);
            b2.kw("bfd_rt_priority", ArgShape.OPTIONAL, "0", GlobalProcessHandlers::rtPriority);
            b2.kw("bfd_cpu_affinity", ArgShape.OPTIONAL, "none", GlobalProcessHandlers::cpuAffinity);
            b2.kw("bfd_rlimit_rttime", ArgShape.REQUIRED, "10000", GlobalProcessHandlers::rlimit);
            b2.kw("bfd_rlimit_rtime", ArgShape.REQUIRED, "10000", GlobalProcessHandlers::rlimit);
            b2.kw("snmp_socket", ArgShape.REQUIRED, "unix:/var/agentx/master", Handlers::record);
            b2.kw("enable_traps", ArgShape.NONE, "off", Handlers::record);
            b2.kw("enable_snmp_vrrp", ArgShape.NONE, "off (on with -x)", Handlers::record);
            b2.kw("enable_snmp_keepalived", ArgShape.NONE, "off", Handlers::record);
            b2.kw("enable_snmp_rfc", ArgShape.NONE, "off", Handlers::record);
            b2.kw("enable_snmp_rfcv2", ArgShape.NONE, "off", Handlers::record);
            b2.kw("enable_snmp_rfcv3", ArgShape.NONE, "off", Handlers::record);
            b2.kw("enable_snmp_checker", ArgShape.NONE, "off", Handlers::record);
            b2.since("2.3.0").kw("snmp_vs_stats_update_interval", ArgShape.REQUIRED, "5", Handlers::record).since("2.2.7");
            b2.since("2.3.0").kw("snmp_rs_stats_update_interval", ArgShape.REQUIRED, "= vs interval", Handlers::record).since("2.2.7");
            b2.kw("enable_dbus", ArgShape.NONE, "off", Handlers::record);
            b2.kw("dbus_service_name", ArgShape.REQUIRED, "org.keepalived.Vrrp1", Handlers::record);
            b2.since("2.3.0").kw("dbus_no_interface_name", ArgShape.REQUIRED, "none", Handlers::record).since("2.2.7");
            b2.kw("script_user", ArgShape.OPTIONAL, "keepalived_script if exists, else keepalived's uid", GlobalHandlers::scriptUser);
            b2.kw("enable_script_security", ArgShape.NONE, "off", GlobalHandlers::scriptSecurity);
            b2.kw("vrrp_netlink_cmd_rcv_bufs", ArgShape.OPTIONAL, "kernel default", GlobalProcessHandlers::rcvBufs);
            b2.kw("vrrp_netlink_cmd_rcv_bufs_force", ArgShape.OPTIONAL, "false", GlobalProcessHandlers::globalFlag);
            b2.kw("vrrp_netlink_monitor_rcv_bufs", ArgShape.OPTIONAL, "kernel default", GlobalProcessHandlers::rcvBufs);
            b2.kw("vrrp_netlink_monitor_rcv_bufs_force", ArgShape.OPTIONAL, "false", GlobalProcessHandlers::globalFlag);
            b2.kw("process_monitor_rcv_bufs", ArgShape.OPTIONAL, "kernel default", GlobalProcessHandlers::rcvBufs);
            b2.kw("process_monitor_rcv_bufs_force", ArgShape.OPTIONAL, "false", GlobalProcessHandlers::globalFlag);
            b2.kw("lvs_netlink_cmd_rcv_bufs", ArgShape.OPTIONAL, "kernel default", GlobalProcessHandlers::rcvBufs);
            b2.kw("lvs_netlink_cmd_rcv_bufs_force", ArgShape.OPTIONAL, "false", GlobalProcessHandlers::globalFlag);
            b2.kw("lvs_netlink_monitor_rcv_bufs", ArgShape.OPTIONAL, "kernel default", GlobalProcessHandlers::rcvBufs);
            b2.kw("lvs_netlink_monitor_rcv_bufs_force", ArgShape.OPTIONAL, "false", GlobalProcessHandlers::globalFlag);
            b2.kw("rs_init_notifies", ArgShape.OPTIONAL, "false", GlobalProcessHandlers::globalFlag);
            b2.kw("no_checker_emails", ArgShape.OPTIONAL, "false", GlobalProcessHandlers::globalFlag);
            b2.kw("vrrp_rx_bufs_policy", ArgShape.OPTIONAL, "system default", GlobalMiscHandlers::rxBufsPolicy);
            b2.kw("vrrp_rx_bufs_multiplier", ArgShape.OPTIONAL, "3", GlobalMiscHandlers::rxBufsMultiplier);
            b2.kw("vrrp_startup_delay", ArgShape.REQUIRED, "0", GlobalProcessHandlers::startupDelay);
            b2.since("2.4.0").kw("vrrp_delay_after_boot", ArgShape.REQUIRED, "0", Handlers::record).since("2.2.7");
            b2.kw("log_unknown_vrids", ArgShape.NONE, "off", Handlers::record);
            b2.since("2.3.3").kw("vrrp_owner_ignore_adverts", ArgShape.OPTIONAL, "false", Handlers::record).since("2.2.7");
            b2.kw("vmac_prefix", ArgShape.REQUIRED, "vrrp", Handlers::record);
            b2.kw("vmac_addr_prefix", ArgShape.REQUIRED, "= vmac_prefix", Handlers::record);
            b2.kw("umask", ArgShape.REQUIRED, "0177 (IXUSR|IRWXG|IRWXO)", GlobalMiscHandlers::umask);
            b2.kw("random_seed", ArgShape.REQUIRED, "time()", LexerHooks::randomSeed);
            b2.kw("reload_check_config", ArgShape.OPTIONAL, "off; no arg = /dev/null", Handlers::record);
            b2.kw("reload_time_file", ArgShape.REQUIRED, "none", Handlers::record);
            b2.kw("reload_repeat", ArgShape.NONE, "off", Handlers::record);
            b2.kw("reload_file", ArgShape.OPTIONAL, "none; no arg = <piddir>/keepalived.reload", Handlers::record);
            b2.kw("include_check", ArgShape.OPTIONAL, "no checks; no arg = all", LexerHooks::includeCheck);
            b2.kw("config_save_dir", ArgShape.REQUIRED, "none", Handlers::record);
            b2.kw("tmp_config_directory", ArgShape.REQUIRED, "memfd", Handlers::record);
            b2.kw("data_use_instance", ArgShape.OPTIONAL, "false", GlobalMiscHandlers::dataUseInstance);
            b2.since("2.2.8").kw("json_version", ArgShape.REQUIRED, "1", Handlers::record).since("2.2.7");
            b2.since("2.3.2").kw("iproute_usr_dir", ArgShape.REQUIRED, "build default", Handlers::record).since("2.2.7");
            b2.since("2.3.2").kw("iproute_etc_dir", ArgShape.REQUIRED, "build default (/etc/iproute2)", Handlers::record).since("2.2.7");
            b2.since("2.3.3").kw("state_dump_file", ArgShape.REQUIRED, "<tmp>/keepalived.data", Handlers::record).since("2.2.7");
            b2.since("2.3.3").kw("stats_dump_file", ArgShape.REQUIRED, "<tmp>/keepalived.stats", Handlers::record).since("2.2.7");
            b2.since("2.3.3").kw("json_dump_file", ArgShape.REQUIRED, "<tmp>/keepalived.json", Handlers::record).since("2.2.7");
        });
    }

    private static void vrrp(KeywordTable.Builder root) {
        root.blockActive("track_group", ArgShape.NAMED_BLOCK, VRRP_ONLY, RootBlockHandlers::trackGroup, null, b2 -> {
            b2.kw("group", ArgShape.VALUE_BLOCK, "—", RootBlockHandlers::trackGroupMembers);
        });
        root.kwActive("static_ipaddress", ArgShape.VALUE_BLOCK, VRRP_ONLY, "—", RootBlockHandlers::staticAddresses);
        root.kwActive("static_routes", ArgShape.VALUE_BLOCK, VRRP_ONLY, "—", RootBlockHandlers::staticRoutes);
        root.kwActive("static_rules", ArgShape.VALUE_BLOCK, VRRP_ONLY, "—", RootBlockHandlers::staticRules);
        root.kwActive("linkbeat_interfaces", ArgShape.VALUE_BLOCK, VRRP_ONLY, "—", RootBlockHandlers::linkbeatInterfaces);
        root.kwActive("interface_up_down_delays", ArgShape.VALUE_BLOCK, VRRP_ONLY, "up=down delay", RootBlockHandlers::upDownDelays);
        root.blockActive("vrrp_sync_group", ArgShape.NAMED_BLOCK, VRRP_ONLY, RootBlockHandlers::syncGroup, null, b2 -> {
            b2.kw("group", ArgShape.VALUE_BLOCK, "—", RootBlockHandlers::syncGroupMembers);
            b2.kw("track_interface", ArgShape.VALUE_BLOCK, "weight 0", TrackHandlers::trackInterface);
            b2.kw("track_script", ArgShape.VALUE_BLOCK, "script weight", TrackHandlers::trackScript);
            b2.kw("track_file", ArgShape.VALUE_BLOCK, "track_file weight", TrackHandlers::trackFile);
            b2.kw("track_process", ArgShape.VALUE_BLOCK, "process weight", TrackHandlers::trackProcess);
            b2.kw("track_bfd", ArgShape.VALUE_BLOCK, "bfd weight", TrackHandlers::trackBfd);
            b2.kw("notify_backup", ArgShape.REQUIRED, "none", RootBlockHandlers::syncGroupNotify);
            b2.kw("notify_master", ArgShape.REQUIRED, "none", RootBlockHandlers::syncGroupNotify);
            b2.kw("notify_fault", ArgShape.REQUIRED, "none", RootBlockHandlers::syncGroupNotify);
            b2.kw("notify_stop", ArgShape.REQUIRED, "none", RootBlockHandlers::syncGroupNotify);
            b2.kw("notify", ArgShape.REQUIRED, "none", RootBlockHandlers::syncGroupNotify);
            b2.kw("smtp_alert", ArgShape.OPTIONAL, "global smtp_alert_vrrp/smtp_alert else false", RootBlockHandlers::syncGroupSmtp);
            b2.kw("global_tracking", ArgShape.NONE, "off", RootBlockHandlers::globalTracking);
            b2.kw("sync_group_tracking_weight", ArgShape.NONE, "off", RootBlockHandlers::trackingWeight);
            b2.kw("notify_priority_changes", ArgShape.OPTIONAL, "global vrrp_notify_priority_changes", RootBlockHandlers::syncGroupNotifyPriorityChanges);
        });
        root.blockActive("garp_group", ArgShape.BLOCK, VRRP_ONLY, RootBlockHandlers::garpGroup, RootBlockHandlers::garpGroupEnd, b2 -> {
            b2.kw("garp_interval", ArgShape.REQUIRED, "—", RootBlockHandlers::garpGroupInterval);
            b2.kw("gna_interval", ArgShape.REQUIRED, "—", RootBlockHandlers::garpGroupInterval);
            b2.kw("interface", ArgShape.REQUIRED, "—", RootBlockHandlers::garpGroupInterface);
            b2.kw("interfaces", ArgShape.VALUE_BLOCK, "—", RootBlockHandlers::garpGroupInterfaces);
        });
        root.blockActive("vrrp_script", ArgShape.NAMED_BLOCK, VRRP_ONLY, Scripts::vrrpScript, Scripts::end, b2 -> {
            b2.kw("script", ArgShape.OPTIONAL, "—", Scripts::script);
            b2.kw("interval", ArgShape.REQUIRED, "1", Scripts::interval);
            b2.kw("timeout", ArgShape.REQUIRED, "= interval", Scripts::timeout);
            b2.kw("weight", ArgShape.REQUIRED, "0", Scripts::weight);
            b2.kw("rise", ArgShape.REQUIRED, "1", Scripts::rise);
            b2.kw("fall", ArgShape.REQUIRED, "1", Scripts::fall);
            b2.kw("user", ArgShape.REQUIRED, "script_user", Scripts::user);
            b2.kw("init_fail", ArgShape.NONE, "off", Scripts::initFail);
        });
        root.blockActive("vrrp_track_process", ArgShape.NAMED_BLOCK, VRRP_ONLY, RootBlockHandlers::trackProcess, RootBlockHandlers::trackProcessEnd, b2 -> {
            b2.kw("process", ArgShape.REQUIRED, "—", RootBlockHandlers::trackProcessSetting);
            b2.kw("param_match", ArgShape.OPTIONAL, "exact (when params)", RootBlockHandlers::trackProcessSetting);
            b2.kw("weight", ArgShape.OPTIONAL, "0", RootBlockHandlers::trackProcessSetting);
            b2.kw("quorum", ArgShape.REQUIRED, "1", RootBlockHandlers::trackProcessSetting);
            b2.kw("quorum_max", ArgShape.REQUIRED, "unlimited", RootBlockHandlers::trackProcessSetting);
            b2.kw("delay", ArgShape.REQUIRED, "0", RootBlockHandlers::trackProcessSetting);
            b2.kw("terminate_delay", ArgShape.REQUIRED, "0", RootBlockHandlers::trackProcessSetting);
            b2.kw("fork_delay", ArgShape.REQUIRED, "0", RootBlockHandlers::trackProcessSetting);
            b2.kw("full_command", ArgShape.NONE, "off", RootBlockHandlers::trackProcessSetting);
        });
        for (String name : new String[] {"track_file", "vrrp_track_file"}) {
            root.blockActive(name, ArgShape.NAMED_BLOCK, CHECKER_VRRP, RootBlockHandlers::trackFile, RootBlockHandlers::trackFileEnd, b2 -> {
                b2.kw("file", ArgShape.OPTIONAL, "—", RootBlockHandlers::trackFileFile);
                b2.kw("weight", ArgShape.OPTIONAL, "1", RootBlockHandlers::trackFileWeight);
                b2.kw("init_file", ArgShape.OPTIONAL, "off; VALUE 0", RootBlockHandlers::trackFileInit);
            });
        }
    }

    private static void vrrpInstance(KeywordTable.Builder root) {
        root.blockActive("vrrp_instance", ArgShape.NAMED_BLOCK, VRRP_ONLY, VrrpHandlers::instance, VrrpHandlers::instanceEnd, b2 -> {
            b2.kw("use_vmac", ArgShape.OPTIONAL, "off; name <vmac_prefix>.VRID (then vrrp6.VRID for IPv6, vrrpN.VRID if taken); MAC 00:00:5e:00:01:VRID (IPv4) / 00:00:5e:00:02:VRID (IPv6)", VrrpHandlers::useVmac);
            b2.kw("use_vmac_addr", ArgShape.NONE, "off", Handlers::record);
            b2.kw("vmac_xmit_base", ArgShape.NONE, "off (forced on with unicast)", Handlers::record);
            b2.kw("use_ipvlan", ArgShape.OPTIONAL, "off; mode bridge", Handlers::record);
            b2.kw("unicast_peer", ArgShape.VALUE_BLOCK, "none", VrrpHandlers::unicastPeer);
            b2.kw("unicast_fault_no_peer", ArgShape.NONE, "off", VrrpHandlers::unicastFlag);
            b2.kw("check_unicast_src", ArgShape.NONE, "off", VrrpHandlers::unicastFlag);
            b2.kw("old_unicast_checksum", ArgShape.OPTIONAL, "auto-detect", InstanceMiscHandlers::oldUnicastChecksum);
            b2.kw("native_ipv6", ArgShape.NONE, "off", InstanceMiscHandlers::nativeIpv6);
            b2.kw("state", ArgShape.REQUIRED, "derived: MASTER iff priority 255", VrrpHandlers::state);
            b2.kw("interface", ArgShape.REQUIRED, "none (needs unicast_src_ip if omitted)", VrrpHandlers::iface);
            b2.kw("vrf", ArgShape.REQUIRED, "none", InstanceMiscHandlers::vrf);
            b2.kw("dont_track_primary", ArgShape.NONE, "off", VrrpHandlers::flagDontTrackPrimary);
            b2.kw("track_interface", ArgShape.VALUE_BLOCK, "weight 0 => FAULT when down", TrackHandlers::trackInterface);
            b2.kw("track_script", ArgShape.VALUE_BLOCK, "vrrp_script weight", TrackHandlers::trackScript);
            b2.kw("track_file", ArgShape.VALUE_BLOCK, "track_file weight (1)", TrackHandlers::trackFile);
            b2.kw("track_process", ArgShape.VALUE_BLOCK, "vrrp_track_process weight", TrackHandlers::trackProcess);
            b2.kw("track_bfd", ArgShape.VALUE_BLOCK, "0", TrackHandlers::trackBfd);
            b2.kw("mcast_src_ip", ArgShape.REQUIRED, "interface primary address (IPv6: link-local)", VrrpHandlers::srcIp);
            b2.kw("unicast_src_ip", ArgShape.REQUIRED, "as mcast_src_ip", VrrpHandlers::unicastSrcIp);
            b2.kw("mcast_dst_ip", ArgShape.REQUIRED, "vrrp_mcast_group4/6", VrrpHandlers::mcastDstIp);
            b2.kw("track_src_ip", ArgShape.NONE, "off", Handlers::record);
            b2.kw("virtual_router_id", ArgShape.REQUIRED, "none — mandatory", VrrpHandlers::vrid);
            b2.kw("unicast_ttl", ArgShape.REQUIRED, "IPv4 255; IPv6 kernel default", VrrpHandlers::unicastTtl);
            b2.kw("version", ArgShape.REQUIRED, "global vrrp_version (IPv6 => 3)", VrrpHandlers::version);
            b2.kw("priority", ArgShape.REQUIRED, "100 (255 if state MASTER and no priority)", VrrpHandlers::priority);
            b2.kw("advert_int", ArgShape.REQUIRED, "1", VrrpHandlers::advertInt);
            b2.kw("virtual_ipaddress", ArgShape.VALUE_BLOCK, "none", VrrpHandlers::vips);
            b2.kw("virtual_ipaddress_excluded", ArgShape.VALUE_BLOCK, "none", VrrpHandlers::evips);
            b2.since("2.2.8").kw("no_virtual_ipaddress", ArgShape.NONE, "off", Handlers::record).since("2.2.7");
            b2.kw("promote_secondaries", ArgShape.NONE, "off", VrrpHandlers::promoteSecondaries);
            b2.kw("linkbeat_use_polling", ArgShape.NONE, "off", InstanceMiscHandlers::linkbeatUsePolling);
            b2.since("2.2.8").kw("v3_checksum_as_v2", ArgShape.OPTIONAL, "global v3_checksum_as_v2 (false)", Handlers::record).since("2.2.7");
            b2.kw("virtual_routes", ArgShape.VALUE_BLOCK, "none", VrrpHandlers::routes);
            b2.kw("virtual_rules", ArgShape.VALUE_BLOCK, "none", VrrpHandlers::rules);
            b2.kw("accept", ArgShape.NONE, "accept unless strict (then only prio 255)", VrrpHandlers::accept);
            b2.kw("no_accept", ArgShape.NONE, "—", VrrpHandlers::noAccept);
            b2.kw("skip_check_adv_addr", ArgShape.OPTIONAL, "global vrrp_skip_check_adv_addr", InstanceMiscHandlers::skipCheckAdvAddr);
            b2.kw("strict_mode", ArgShape.OPTIONAL, "global vrrp_strict", VrrpHandlers::strictMode);
            b2.kw("preempt", ArgShape.NONE, "preempt on", VrrpHandlers::preempt);
            b2.kw("nopreempt", ArgShape.NONE, "off", VrrpHandlers::nopreempt);
            b2.kw("preempt_delay", ArgShape.REQUIRED, "0", VrrpHandlers::preemptDelay);
            b2.kw("debug", ArgShape.REQUIRED, "0", VrrpHandlers::debug);
            b2.kw("notify_backup", ArgShape.REQUIRED, "none", VrrpHandlers::notify);
            b2.kw("notify_master", ArgShape.REQUIRED, "none", VrrpHandlers::notify);
            b2.kw("notify_fault", ArgShape.REQUIRED, "none", VrrpHandlers::notify);
            b2.kw("notify_stop", ArgShape.REQUIRED, "none", VrrpHandlers::notify);
            b2.kw("notify_deleted", ArgShape.OPTIONAL, "off (deleted instances notify FAULT)", VrrpHandlers::notify);
            b2.kw("notify", ArgShape.REQUIRED, "none", VrrpHandlers::notify);
            b2.kw("notify_master_rx_lower_pri", ArgShape.REQUIRED, "none", VrrpHandlers::notify);
            b2.since(Keyword.EXTENSION).kw("notify_dual_master", ArgShape.REQUIRED, "none (docs/dual-master.md)",
                    VrrpHandlers::notify).since("2.2.7");
            b2.kw("smtp_alert", ArgShape.OPTIONAL, "global smtp_alert_vrrp, smtp_alert, else false", VrrpHandlers::smtpAlert);
            b2.kw("notify_priority_changes", ArgShape.OPTIONAL, "sync group / global setting", InstanceMiscHandlers::notifyPriorityChanges);
            b2.kw("lvs_sync_daemon_interface", ArgShape.REQUIRED, "—", VrrpHandlers::lvsSyncdInterface);
            b2.kw("garp_master_delay", ArgShape.REQUIRED, "global (5)", InstanceTimingHandlers::garpMasterDelay);
            b2.kw("garp_master_refresh", ArgShape.REQUIRED, "global (0)", InstanceTimingHandlers::garpMasterRefresh);
            b2.kw("garp_master_repeat", ArgShape.REQUIRED, "global (5)", InstanceTimingHandlers::garpMasterRepeat);
            b2.kw("garp_master_refresh_repeat", ArgShape.REQUIRED, "global (1)", InstanceTimingHandlers::garpMasterRefreshRepeat);
            b2.kw("garp_lower_prio_delay", ArgShape.REQUIRED, "global (= garp_master_delay); 0 in strict", InstanceTimingHandlers::garpLowerPrioDelay);
            b2.kw("garp_lower_prio_repeat", ArgShape.REQUIRED, "global (= garp_master_repeat); 0 in strict", InstanceTimingHandlers::garpLowerPrioRepeat);
            b2.kw("down_timer_adverts", ArgShape.REQUIRED, "global (3)", InstanceTimingHandlers::downTimerAdverts);
            b2.since("2.2.8").kw("timer_expired_backup", ArgShape.OPTIONAL, "off; no arg = 254", Handlers::record).since("2.2.7");
            b2.since("2.2.8").kw("thread_timer_expired", ArgShape.OPTIONAL, "—", Handlers::record).since("2.2.7");
            b2.kw("garp_extra_if", ArgShape.OPTIONAL, "global vrrp_garp_extra_if", InstanceTimingHandlers::garpExtraIf);
            b2.kw("vmac_garp_intvl", ArgShape.OPTIONAL, "—", InstanceTimingHandlers::garpExtraIf);
            b2.kw("lower_prio_no_advert", ArgShape.OPTIONAL, "global (false); true in strict", VrrpHandlers::lowerPrioNoAdvert);
            b2.kw("higher_prio_send_advert", ArgShape.OPTIONAL, "global (false); false in strict", VrrpHandlers::higherPrioSendAdvert);
            b2.since("2.3.3").kw("owner_ignore_adverts", ArgShape.OPTIONAL, "prio 255: strict ? true : global; else false", Handlers::record).since("2.2.7");
            b2.kw("kernel_rx_buf_size", ArgShape.REQUIRED, "per global policy", InstanceMiscHandlers::kernelRxBufSize);
            b2.block("authentication", ArgShape.BLOCK, VrrpHandlers::authentication, null, b3 -> {
                b3.kw("auth_type", ArgShape.REQUIRED, "none", VrrpHandlers::authType);
                b3.kw("auth_pass", ArgShape.REQUIRED, "—", VrrpHandlers::authPass);
            });
            b2.since("2.4.0").block("auth_hmac", ArgShape.BLOCK, HmacHandlers::block, null, b3 -> {
                b3.kw("key", ArgShape.REQUIRED, "—", HmacHandlers::key);
                b3.kw("active_key", ArgShape.REQUIRED, "—", HmacHandlers::activeKey);
                b3.kw("time_window", ArgShape.REQUIRED, "max(3*advert_int, 5)", HmacHandlers::timeWindow);
                b3.kw("anti_replay", ArgShape.REQUIRED, "time", HmacHandlers::antiReplay);
                b3.kw("mode", ArgShape.REQUIRED, "enforce", HmacHandlers::mode);
            }).since("2.2.7");
        });
    }

    private static void bfd(KeywordTable.Builder root) {
        root.blockActive("bfd_instance", ArgShape.NAMED_BLOCK, CHECKER_VRRP_BFD, BfdHandlers::instance, BfdHandlers::end, b2 -> {
            b2.kw("source_ip", ArgShape.REQUIRED, "none", BfdHandlers::setting);
            b2.kw("neighbor_ip", ArgShape.REQUIRED, "—", BfdHandlers::setting);
            b2.kw("neighbour_ip", ArgShape.REQUIRED, "—", BfdHandlers::setting);
            b2.kw("min_rx", ArgShape.REQUIRED, "10", BfdHandlers::setting);
            b2.kw("min_tx", ArgShape.REQUIRED, "10", BfdHandlers::setting);
            b2.kw("idle_tx", ArgShape.REQUIRED, "1000", BfdHandlers::setting);
            b2.kw("multiplier", ArgShape.REQUIRED, "5", BfdHandlers::setting);
            b2.kw("passive", ArgShape.NONE, "active", BfdHandlers::setting);
            b2.kw("ttl", ArgShape.REQUIRED, "255", BfdHandlers::setting);
            b2.kw("hoplimit", ArgShape.REQUIRED, "64", BfdHandlers::setting);
            b2.kw("max_hops", ArgShape.REQUIRED, "0", BfdHandlers::setting);
            b2.since("2.2.8").kw("multihop", ArgShape.OPTIONAL, "false", BfdHandlers::setting).since("2.2.7");
            b2.kw("weight", ArgShape.REQUIRED, "0", BfdHandlers::setting);
            b2.kw("vrrp", ArgShape.NONE, "both", BfdHandlers::setting);
            b2.kw("checker", ArgShape.NONE, "both", BfdHandlers::setting);
        });
    }
}
