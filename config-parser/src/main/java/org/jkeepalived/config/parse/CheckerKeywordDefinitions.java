package org.jkeepalived.config.parse;

import java.util.EnumSet;
import java.util.Set;

/**
 * The checker (LVS) process's part of the keyword table: {@code SSL}, {@code virtual_server_group}
 * and {@code virtual_server} with its real servers and health checkers. Data, like
 * {@link KeywordDefinitions}.
 */
final class CheckerKeywordDefinitions {
    private static final Set<Pass> CHECKER = EnumSet.of(Pass.CHECKER);

    private CheckerKeywordDefinitions() {
    }

    static void checker(KeywordTable.Builder root) {
        root.blockActive("SSL", ArgShape.BLOCK, CHECKER, Handlers::rawBlock, null, b2 -> {
            b2.kw("password", ArgShape.REQUIRED, "none", Handlers::record);
            b2.kw("ca", ArgShape.REQUIRED, "none", Handlers::record);
            b2.kw("certificate", ArgShape.REQUIRED, "none", Handlers::record);
            b2.kw("key", ArgShape.REQUIRED, "none", Handlers::record);
        });
        root.kwActive("virtual_server_group", ArgShape.NAMED_VALUE_BLOCK, CHECKER, "—", CheckHandlers::virtualServerGroup);
    }

    static void virtualServer(KeywordTable.Builder root) {
        root.blockActive("virtual_server", ArgShape.NAMED_BLOCK, CHECKER, CheckHandlers::virtualServer, null, b2 -> {
            b2.kw("ip_family", ArgShape.REQUIRED, "from addresses, else inet", CheckHandlers::vsSetting);
            b2.kw("retry", ArgShape.REQUIRED, "checker default", CheckHandlers::vsSetting);
            b2.kw("delay_before_retry", ArgShape.REQUIRED, "checker default", CheckHandlers::vsSetting);
            b2.kw("warmup", ArgShape.REQUIRED, "= delay_loop", CheckHandlers::vsSetting);
            b2.kw("connect_timeout", ArgShape.REQUIRED, "5", CheckHandlers::vsSetting);
            b2.kw("delay_loop", ArgShape.REQUIRED, "60", CheckHandlers::vsSetting);
            b2.kw("inhibit_on_failure", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("lb_algo", ArgShape.REQUIRED, "wlc (with error)", CheckHandlers::vsSetting);
            b2.kw("lvs_sched", ArgShape.REQUIRED, "wlc", CheckHandlers::vsSetting);
            b2.kw("hashed", ArgShape.NONE, "—", CheckHandlers::vsSetting);
            b2.kw("ops", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("flag-1", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("flag-2", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("flag-3", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("sh-port", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("sh-fallback", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("mh-port", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("mh-fallback", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("lb_kind", ArgShape.REQUIRED, "NAT (with error)", CheckHandlers::vsSetting);
            b2.kw("lvs_method", ArgShape.REQUIRED, "NAT", CheckHandlers::vsSetting);
            b2.kw("persistence_engine", ArgShape.REQUIRED, "none", CheckHandlers::vsSetting);
            b2.kw("persistence_timeout", ArgShape.OPTIONAL, "0; no arg = 360", CheckHandlers::vsSetting);
            b2.kw("persistence_granularity", ArgShape.REQUIRED, "none", CheckHandlers::vsSetting);
            b2.kw("protocol", ArgShape.REQUIRED, "UDP with error if address VS", CheckHandlers::vsSetting);
            b2.kw("ha_suspend", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("smtp_alert", ArgShape.OPTIONAL, "global checker setting else false", CheckHandlers::vsSetting);
            b2.kw("virtualhost", ArgShape.REQUIRED, "none", CheckHandlers::vsSetting);
            b2.kw("snmp_name", ArgShape.REQUIRED, "none", CheckHandlers::vsSetting);
            b2.kw("alpha", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("omega", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("quorum_up", ArgShape.REQUIRED, "none", CheckHandlers::vsSetting);
            b2.kw("quorum_down", ArgShape.REQUIRED, "none", CheckHandlers::vsSetting);
            b2.kw("quorum", ArgShape.REQUIRED, "1", CheckHandlers::vsSetting);
            b2.kw("hysteresis", ArgShape.REQUIRED, "0", CheckHandlers::vsSetting);
            b2.kw("weight", ArgShape.REQUIRED, "1", CheckHandlers::vsSetting);
            b2.kw("sorry_server", ArgShape.REQUIRED, "none", CheckHandlers::vsSetting);
            b2.kw("sorry_server_inhibit", ArgShape.NONE, "off", CheckHandlers::vsSetting);
            b2.kw("sorry_server_lvs_method", ArgShape.REQUIRED, "VS method", CheckHandlers::vsSetting);
            b2.block("real_server", ArgShape.NAMED_BLOCK, CheckHandlers::realServer, CheckHandlers::realServerEnd, b3 -> {
                b3.kw("weight", ArgShape.REQUIRED, "VS weight (1)", CheckHandlers::rsSetting);
                b3.kw("lvs_method", ArgShape.REQUIRED, "VS method", CheckHandlers::rsSetting);
                b3.kw("uthreshold", ArgShape.REQUIRED, "0", CheckHandlers::rsSetting);
                b3.kw("lthreshold", ArgShape.REQUIRED, "0", CheckHandlers::rsSetting);
                b3.kw("inhibit_on_failure", ArgShape.OPTIONAL, "VS setting", CheckHandlers::rsSetting);
                b3.kw("notify_up", ArgShape.REQUIRED, "none", CheckHandlers::rsSetting);
                b3.kw("notify_down", ArgShape.REQUIRED, "none", CheckHandlers::rsSetting);
                b3.kw("alpha", ArgShape.OPTIONAL, "VS setting", CheckHandlers::rsSetting);
                b3.kw("retry", ArgShape.REQUIRED, "VS setting", CheckHandlers::rsSetting);
                b3.kw("delay_before_retry", ArgShape.REQUIRED, "VS setting", CheckHandlers::rsSetting);
                b3.kw("warmup", ArgShape.REQUIRED, "VS setting", CheckHandlers::rsSetting);
                b3.kw("connect_timeout", ArgShape.REQUIRED, "VS setting", CheckHandlers::rsSetting);
                b3.kw("delay_loop", ArgShape.REQUIRED, "VS setting", CheckHandlers::rsSetting);
                b3.kw("smtp_alert", ArgShape.OPTIONAL, "global checker setting else TRUE", CheckHandlers::rsSetting);
                b3.kw("virtualhost", ArgShape.REQUIRED, "VS setting", CheckHandlers::rsSetting);
                b3.kw("snmp_name", ArgShape.REQUIRED, "none", CheckHandlers::rsSetting);
                b3.block("HTTP_GET", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("connect_ip", ArgShape.REQUIRED, "RS address", CheckHandlers::checkerSetting);
                    b4.kw("connect_port", ArgShape.REQUIRED, "RS port", CheckHandlers::checkerSetting);
                    b4.kw("bindto", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_port", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_if", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("connect_timeout", ArgShape.REQUIRED, "RS/VS (5)", CheckHandlers::checkerSetting);
                    b4.kw("fwmark", ArgShape.REQUIRED, "0", CheckHandlers::checkerSetting);
                    b4.kw("retry", ArgShape.REQUIRED, "RS/VS, else 1 (DNS 3, MISC 0)", CheckHandlers::checkerSetting);
                    b4.kw("delay_before_retry", ArgShape.REQUIRED, "RS/VS, else 1 s (HTTP/SSL 3 s, DNS delay_loop)", CheckHandlers::checkerSetting);
                    b4.kw("warmup", ArgShape.REQUIRED, "delay_loop", CheckHandlers::checkerSetting);
                    b4.kw("delay_loop", ArgShape.REQUIRED, "RS/VS (60)", CheckHandlers::checkerSetting);
                    b4.kw("alpha", ArgShape.OPTIONAL, "RS/VS", CheckHandlers::checkerSetting);
                    b4.kw("log_all_failures", ArgShape.OPTIONAL, "global checker_log_all_failures", CheckHandlers::checkerSetting);
                    b4.kw("nb_get_retry", ArgShape.REQUIRED, "—", CheckHandlers::nbGetRetry);
                    b4.kw("virtualhost", ArgShape.REQUIRED, "RS/VS", Handlers::record);
                    b4.kw("http_protocol", ArgShape.REQUIRED, "1.0", Handlers::record);
                    b4.kw("enable_sni", ArgShape.OPTIONAL, "false", CheckHandlers::checkerSetting);
                    b4.since("2.4.3+").kw("sni_name", ArgShape.OPTIONAL, "virtualhost", Handlers::record).since("2.2.7");
                    b4.kw("fast_recovery", ArgShape.OPTIONAL, "false", CheckHandlers::checkerSetting);
                    b4.block("url", ArgShape.BLOCK, CheckHandlers::checkerSubBlock, CheckHandlers::urlEnd, b5 -> {
                        b5.kw("path", ArgShape.REQUIRED, "—", Handlers::record);
                        b5.kw("digest", ArgShape.REQUIRED, "none", CheckHandlers::urlDigest);
                        b5.kw("status_code", ArgShape.REQUIRED, "200-299", CheckHandlers::urlStatusCode);
                        b5.kw("virtualhost", ArgShape.REQUIRED, "checker/RS/VS", Handlers::record);
                        b5.kw("regex", ArgShape.REQUIRED, "none", Handlers::record);
                        b5.kw("regex_no_match", ArgShape.NONE, "off", Handlers::record);
                        b5.kw("regex_options", ArgShape.REQUIRED, "none", Handlers::record);
                        b5.kw("regex_min_offset", ArgShape.REQUIRED, "0", Handlers::record);
                        b5.kw("regex_max_offset", ArgShape.REQUIRED, "none", Handlers::record);
                        b5.kw("regex_stack", ArgShape.REQUIRED, "—", Handlers::record);
                    });
                });
                b3.block("SSL_GET", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("connect_ip", ArgShape.REQUIRED, "RS address", CheckHandlers::checkerSetting);
                    b4.kw("connect_port", ArgShape.REQUIRED, "RS port", CheckHandlers::checkerSetting);
                    b4.kw("bindto", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_port", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_if", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("connect_timeout", ArgShape.REQUIRED, "RS/VS (5)", CheckHandlers::checkerSetting);
                    b4.kw("fwmark", ArgShape.REQUIRED, "0", CheckHandlers::checkerSetting);
                    b4.kw("retry", ArgShape.REQUIRED, "RS/VS, else 1 (DNS 3, MISC 0)", CheckHandlers::checkerSetting);
                    b4.kw("delay_before_retry", ArgShape.REQUIRED, "RS/VS, else 1 s (HTTP/SSL 3 s, DNS delay_loop)", CheckHandlers::checkerSetting);
                    b4.kw("warmup", ArgShape.REQUIRED, "delay_loop", CheckHandlers::checkerSetting);
                    b4.kw("delay_loop", ArgShape.REQUIRED, "RS/VS (60)", CheckHandlers::checkerSetting);
                    b4.kw("alpha", ArgShape.OPTIONAL, "RS/VS", CheckHandlers::checkerSetting);
                    b4.kw("log_all_failures", ArgShape.OPTIONAL, "global checker_log_all_failures", CheckHandlers::checkerSetting);
                    b4.kw("nb_get_retry", ArgShape.REQUIRED, "—", CheckHandlers::nbGetRetry);
                    b4.kw("virtualhost", ArgShape.REQUIRED, "RS/VS", Handlers::record);
                    b4.kw("http_protocol", ArgShape.REQUIRED, "1.0", Handlers::record);
                    b4.kw("enable_sni", ArgShape.OPTIONAL, "false", CheckHandlers::checkerSetting);
                    b4.since("2.4.3+").kw("sni_name", ArgShape.OPTIONAL, "virtualhost", Handlers::record).since("2.2.7");
                    b4.kw("fast_recovery", ArgShape.OPTIONAL, "false", CheckHandlers::checkerSetting);
                    b4.since("2.2.8").kw("tls_compliant", ArgShape.OPTIONAL, "false", Handlers::record).since("2.2.7");
                    b4.block("url", ArgShape.BLOCK, CheckHandlers::checkerSubBlock, CheckHandlers::urlEnd, b5 -> {
                        b5.kw("path", ArgShape.REQUIRED, "—", Handlers::record);
                        b5.kw("digest", ArgShape.REQUIRED, "none", CheckHandlers::urlDigest);
                        b5.kw("status_code", ArgShape.REQUIRED, "200-299", CheckHandlers::urlStatusCode);
                        b5.kw("virtualhost", ArgShape.REQUIRED, "checker/RS/VS", Handlers::record);
                        b5.kw("regex", ArgShape.REQUIRED, "none", Handlers::record);
                        b5.kw("regex_no_match", ArgShape.NONE, "off", Handlers::record);
                        b5.kw("regex_options", ArgShape.REQUIRED, "none", Handlers::record);
                        b5.kw("regex_min_offset", ArgShape.REQUIRED, "0", Handlers::record);
                        b5.kw("regex_max_offset", ArgShape.REQUIRED, "none", Handlers::record);
                        b5.kw("regex_stack", ArgShape.REQUIRED, "—", Handlers::record);
                        b5.since("2.2.8").kw("tls_compliant", ArgShape.OPTIONAL, "checker", Handlers::record).since("2.2.7");
                    });
                });
                b3.block("TCP_CHECK", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("connect_ip", ArgShape.REQUIRED, "RS address", CheckHandlers::checkerSetting);
                    b4.kw("connect_port", ArgShape.REQUIRED, "RS port", CheckHandlers::checkerSetting);
                    b4.kw("bindto", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_port", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_if", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("connect_timeout", ArgShape.REQUIRED, "RS/VS (5)", CheckHandlers::checkerSetting);
                    b4.kw("fwmark", ArgShape.REQUIRED, "0", CheckHandlers::checkerSetting);
                    b4.kw("retry", ArgShape.REQUIRED, "RS/VS, else 1 (DNS 3, MISC 0)", CheckHandlers::checkerSetting);
                    b4.kw("delay_before_retry", ArgShape.REQUIRED, "RS/VS, else 1 s (HTTP/SSL 3 s, DNS delay_loop)", CheckHandlers::checkerSetting);
                    b4.kw("warmup", ArgShape.REQUIRED, "delay_loop", CheckHandlers::checkerSetting);
                    b4.kw("delay_loop", ArgShape.REQUIRED, "RS/VS (60)", CheckHandlers::checkerSetting);
                    b4.kw("alpha", ArgShape.OPTIONAL, "RS/VS", CheckHandlers::checkerSetting);
                    b4.kw("log_all_failures", ArgShape.OPTIONAL, "global checker_log_all_failures", CheckHandlers::checkerSetting);
                });
                b3.block("PING_CHECK", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("connect_ip", ArgShape.REQUIRED, "RS address", CheckHandlers::checkerSetting);
                    b4.kw("connect_port", ArgShape.REQUIRED, "RS port", CheckHandlers::checkerSetting);
                    b4.kw("bindto", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_port", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_if", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("connect_timeout", ArgShape.REQUIRED, "RS/VS (5)", CheckHandlers::checkerSetting);
                    b4.kw("fwmark", ArgShape.REQUIRED, "0", CheckHandlers::checkerSetting);
                    b4.kw("retry", ArgShape.REQUIRED, "RS/VS, else 1 (DNS 3, MISC 0)", CheckHandlers::checkerSetting);
                    b4.kw("delay_before_retry", ArgShape.REQUIRED, "RS/VS, else 1 s (HTTP/SSL 3 s, DNS delay_loop)", CheckHandlers::checkerSetting);
                    b4.kw("warmup", ArgShape.REQUIRED, "delay_loop", CheckHandlers::checkerSetting);
                    b4.kw("delay_loop", ArgShape.REQUIRED, "RS/VS (60)", CheckHandlers::checkerSetting);
                    b4.kw("alpha", ArgShape.OPTIONAL, "RS/VS", CheckHandlers::checkerSetting);
                    b4.kw("log_all_failures", ArgShape.OPTIONAL, "global checker_log_all_failures", CheckHandlers::checkerSetting);
                });
                b3.block("UDP_CHECK", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("connect_ip", ArgShape.REQUIRED, "RS address", CheckHandlers::checkerSetting);
                    b4.kw("connect_port", ArgShape.REQUIRED, "RS port", CheckHandlers::checkerSetting);
                    b4.kw("bindto", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_port", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_if", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("connect_timeout", ArgShape.REQUIRED, "RS/VS (5)", CheckHandlers::checkerSetting);
                    b4.kw("fwmark", ArgShape.REQUIRED, "0", CheckHandlers::checkerSetting);
                    b4.kw("retry", ArgShape.REQUIRED, "RS/VS, else 1 (DNS 3, MISC 0)", CheckHandlers::checkerSetting);
                    b4.kw("delay_before_retry", ArgShape.REQUIRED, "RS/VS, else 1 s (HTTP/SSL 3 s, DNS delay_loop)", CheckHandlers::checkerSetting);
                    b4.kw("warmup", ArgShape.REQUIRED, "delay_loop", CheckHandlers::checkerSetting);
                    b4.kw("delay_loop", ArgShape.REQUIRED, "RS/VS (60)", CheckHandlers::checkerSetting);
                    b4.kw("alpha", ArgShape.OPTIONAL, "RS/VS", CheckHandlers::checkerSetting);
                    b4.kw("log_all_failures", ArgShape.OPTIONAL, "global checker_log_all_failures", CheckHandlers::checkerSetting);
                    b4.kw("payload", ArgShape.REQUIRED, "random", Handlers::record);
                    b4.kw("require_reply", ArgShape.OPTIONAL, "off", Handlers::record);
                    b4.kw("min_reply_length", ArgShape.OPTIONAL, "0", CheckHandlers::checkerSetting);
                    b4.kw("max_reply_length", ArgShape.OPTIONAL, "255", CheckHandlers::checkerSetting);
                });
                b3.block("SMTP_CHECK", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("connect_ip", ArgShape.REQUIRED, "RS address", CheckHandlers::checkerSetting);
                    b4.kw("connect_port", ArgShape.REQUIRED, "RS port", CheckHandlers::checkerSetting);
                    b4.kw("bindto", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_port", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_if", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("connect_timeout", ArgShape.REQUIRED, "RS/VS (5)", CheckHandlers::checkerSetting);
                    b4.kw("fwmark", ArgShape.REQUIRED, "0", CheckHandlers::checkerSetting);
                    b4.kw("retry", ArgShape.REQUIRED, "RS/VS, else 1 (DNS 3, MISC 0)", CheckHandlers::checkerSetting);
                    b4.kw("delay_before_retry", ArgShape.REQUIRED, "RS/VS, else 1 s (HTTP/SSL 3 s, DNS delay_loop)", CheckHandlers::checkerSetting);
                    b4.kw("warmup", ArgShape.REQUIRED, "delay_loop", CheckHandlers::checkerSetting);
                    b4.kw("delay_loop", ArgShape.REQUIRED, "RS/VS (60)", CheckHandlers::checkerSetting);
                    b4.kw("alpha", ArgShape.OPTIONAL, "RS/VS", CheckHandlers::checkerSetting);
                    b4.kw("log_all_failures", ArgShape.OPTIONAL, "global checker_log_all_failures", CheckHandlers::checkerSetting);
                    b4.kw("helo_name", ArgShape.REQUIRED, "smtpchecker.keepalived.org", Handlers::record);
                    b4.block("host", ArgShape.BLOCK, CheckHandlers::checkerSubBlock, null, b5 -> {
                        b5.kw("connect_ip", ArgShape.REQUIRED, "RS address", CheckHandlers::checkerSetting);
                        b5.kw("connect_port", ArgShape.REQUIRED, "RS port", CheckHandlers::checkerSetting);
                        b5.kw("bindto", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                        b5.kw("bind_port", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                        b5.kw("bind_if", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                        b5.kw("connect_timeout", ArgShape.REQUIRED, "RS/VS (5)", CheckHandlers::checkerSetting);
                        b5.kw("fwmark", ArgShape.REQUIRED, "0", CheckHandlers::checkerSetting);
                    });
                });
                b3.block("DNS_CHECK", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("connect_ip", ArgShape.REQUIRED, "RS address", CheckHandlers::checkerSetting);
                    b4.kw("connect_port", ArgShape.REQUIRED, "RS port", CheckHandlers::checkerSetting);
                    b4.kw("bindto", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_port", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("bind_if", ArgShape.REQUIRED, "none", CheckHandlers::checkerSetting);
                    b4.kw("connect_timeout", ArgShape.REQUIRED, "RS/VS (5)", CheckHandlers::checkerSetting);
                    b4.kw("fwmark", ArgShape.REQUIRED, "0", CheckHandlers::checkerSetting);
                    b4.kw("retry", ArgShape.REQUIRED, "RS/VS, else 1 (DNS 3, MISC 0)", CheckHandlers::checkerSetting);
                    b4.kw("delay_before_retry", ArgShape.REQUIRED, "RS/VS, else 1 s (HTTP/SSL 3 s, DNS delay_loop)", CheckHandlers::checkerSetting);
                    b4.kw("warmup", ArgShape.REQUIRED, "delay_loop", CheckHandlers::checkerSetting);
                    b4.kw("delay_loop", ArgShape.REQUIRED, "RS/VS (60)", CheckHandlers::checkerSetting);
                    b4.kw("alpha", ArgShape.OPTIONAL, "RS/VS", CheckHandlers::checkerSetting);
                    b4.kw("log_all_failures", ArgShape.OPTIONAL, "global checker_log_all_failures", CheckHandlers::checkerSetting);
                    b4.kw("type", ArgShape.OPTIONAL, "SOA", CheckHandlers::checkerSetting);
                    b4.kw("name", ArgShape.REQUIRED, "\"\" (root)", Handlers::record);
                });
                b3.block("MISC_CHECK", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("retry", ArgShape.REQUIRED, "RS/VS, else 1 (DNS 3, MISC 0)", CheckHandlers::checkerSetting);
                    b4.kw("delay_before_retry", ArgShape.REQUIRED, "RS/VS, else 1 s (HTTP/SSL 3 s, DNS delay_loop)", CheckHandlers::checkerSetting);
                    b4.kw("warmup", ArgShape.REQUIRED, "delay_loop", CheckHandlers::checkerSetting);
                    b4.kw("delay_loop", ArgShape.REQUIRED, "RS/VS (60)", CheckHandlers::checkerSetting);
                    b4.kw("alpha", ArgShape.OPTIONAL, "RS/VS", CheckHandlers::checkerSetting);
                    b4.kw("log_all_failures", ArgShape.OPTIONAL, "global checker_log_all_failures", CheckHandlers::checkerSetting);
                    b4.kw("misc_path", ArgShape.REQUIRED, "—", CheckHandlers::miscPath);
                    b4.kw("misc_timeout", ArgShape.OPTIONAL, "delay_loop", CheckHandlers::checkerSetting);
                    b4.kw("misc_dynamic", ArgShape.NONE, "off", Handlers::record);
                    b4.kw("user", ArgShape.OPTIONAL, "script_user", CheckHandlers::checkerSetting);
                });
                b3.block("FILE_CHECK", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("track_file", ArgShape.REQUIRED, "—", CheckerBlockHandlers::fileTrackFile);
                    b4.kw("weight", ArgShape.OPTIONAL, "track_file weight", CheckerBlockHandlers::fileWeight);
                });
                b3.block("BFD_CHECK", ArgShape.BLOCK, CheckHandlers::checker, CheckHandlers::checkerEnd, b4 -> {
                    b4.kw("name", ArgShape.OPTIONAL, "—", CheckerBlockHandlers::bfdName);
                    b4.kw("alpha", ArgShape.OPTIONAL, "RS/VS", CheckerBlockHandlers::bfdAlpha);
                });
            });
        });
    }
}
