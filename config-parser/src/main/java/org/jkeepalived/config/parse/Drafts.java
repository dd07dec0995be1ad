package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jkeepalived.config.lex.SourceLocation;
import org.jkeepalived.config.model.GarpSettings;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.TrackedItem;
import org.jkeepalived.config.model.UnicastPeer;
import org.jkeepalived.config.model.UseVmac;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VirtualRoute;
import org.jkeepalived.config.model.VirtualRule;

/**
 * The mutable drafts every pass fills. The global draft is shared (filled by the parent pass, read by
 * the children, as keepalived's global_data is); the rest belong to the pass that owns them.
 */
final class Drafts {
    final GlobalDraft global;
    final Draft root = new Draft();
    final List<InstanceDraft> instances = new ArrayList<>();
    /** Instance names already defined, for keepalived's duplicate check. */
    final java.util.Set<String> instanceNames = new java.util.HashSet<>();
    final List<SyncGroupDraft> syncGroups = new ArrayList<>();
    final java.util.Set<String> syncGroupNames = new java.util.HashSet<>();
    final Map<String, ScriptDraft> scripts = new LinkedHashMap<>();
    final Map<String, TrackFileDraft> trackFiles = new LinkedHashMap<>();
    final Map<String, TrackProcessDraft> trackProcesses = new LinkedHashMap<>();
    final List<GarpGroupDraft> garpGroups = new ArrayList<>();
    final List<VirtualIp> staticAddresses = new ArrayList<>();
    final List<VirtualRoute> staticRoutes = new ArrayList<>();
    final List<VirtualRule> staticRules = new ArrayList<>();
    final Map<String, List<String>> trackGroups = new LinkedHashMap<>();
    final Map<String, String> linkbeatInterfaces = new LinkedHashMap<>();
    final Map<String, List<Long>> upDownDelays = new LinkedHashMap<>();
    final List<VsDraft> virtualServers = new ArrayList<>();
    final Map<String, List<List<String>>> vsGroups = new LinkedHashMap<>();
    final Map<String, BfdDraft> bfds = new LinkedHashMap<>();
    /** Set when a configured interface does not exist (keepalived's non_existent_interface_specified). */
    boolean nonExistentInterface;
    /** Whether any script (notify or tracking) is configured: script security check. */
    boolean scriptsConfigured;
    /** keepalived's default_user_fail: the missing default script user is reported once per pass. */
    boolean defaultUserFailed;
    /** The next preference given to a rule without one (decrements from 16384). */
    long nextRulePreference = 16384;

    Drafts(GlobalDraft global) {
        this.global = global;
    }

    InstanceDraft lastInstance() {
        return instances.isEmpty() ? null : instances.get(instances.size() - 1);
    }

    /** Global settings under construction; defaults as keepalived's alloc_global_data sets them. */
    static final class GlobalDraft extends Draft {
        String routerId;
        final List<String> emails = new ArrayList<>();
        String emailFrom;
        String smtpServer;
        int smtpConnectTimeout = 30;
        String defaultInterface = "eth0";
        boolean dynamicInterfaces;
        String mcastGroup4 = "224.0.0.18";
        String mcastGroup6 = "ff02::12";
        int garpDelay = 5;
        int garpRepeat = 5;
        int garpRefresh;
        int garpRefreshRepeat = 1;
        Integer garpLowerPrioDelay;
        Integer garpLowerPrioRepeat;
        int downTimerAdverts = 3;
        long garpInterval;
        long gnaInterval;
        boolean lowerPrioNoAdvert;
        boolean higherPrioSendAdvert;
        boolean dualMasterStepDownAdvert = true;
        int vrrpVersion = 2;
        boolean strict;
        boolean skipCheckAdvAddr;
        boolean checkUnicastSrc;
        String scriptUser;
        String scriptGroup;
        boolean scriptSecurity;
        Boolean smtpAlert;
        Boolean smtpAlertVrrp;
        String notifyFifo;
        String vrrpNotifyFifo;
        boolean minGarp;
        /** startup_script / shutdown_script, checked for script security after the parent pass. */
        final List<NotifyScript> startStopScripts = new ArrayList<>();

        GarpSettings garp() {
            return new GarpSettings(garpDelay, garpRepeat, garpRefresh, garpRefreshRepeat,
                    garpLowerPrioDelay != null ? garpLowerPrioDelay : garpDelay,
                    garpLowerPrioRepeat != null ? garpLowerPrioRepeat : garpRepeat);
        }
    }

    /** A vrrp_instance; null/-1 fields mean "not configured" so validation can derive defaults. */
    static final class InstanceDraft extends Draft {
        final String name;
        final SourceLocation location;
        String state;
        int priority;
        int vrid;
        String interfaceName;
        boolean interfaceMissing;
        String family;
        int version;
        long advertMicros = Numbers.TIMER_HZ;
        final List<VirtualIp> vips = new ArrayList<>();
        final List<VirtualIp> evips = new ArrayList<>();
        final List<VirtualRoute> routes = new ArrayList<>();
        final List<VirtualRule> rules = new ArrayList<>();
        String authType;
        String authPass = "";
        final Map<Integer, String> hmacKeys = new LinkedHashMap<>();
        boolean hmac;
        int hmacActiveKey = -1;
        int hmacTimeWindow = -1;
        String hmacAntiReplay = "time";
        String hmacMode = "enforce";
        boolean nopreempt;
        long preemptDelay;
        Integer garpDelay;
        Integer garpRepeat;
        Integer garpRefresh;
        Integer garpRefreshRepeat;
        Integer garpLowerPrioDelay;
        Integer garpLowerPrioRepeat;
        Integer downTimerAdverts;
        Boolean lowerPrioNoAdvert;
        Boolean higherPrioSendAdvert;
        Boolean accept;
        Boolean strict;
        final List<UnicastPeer> peers = new ArrayList<>();
        boolean unicastConfigured;
        boolean unicastFaultNoPeer;
        String unicastSrcIp;
        String mcastDstIp;
        int unicastTtl = -1;
        final List<TrackedItem> trackIfs = new ArrayList<>();
        final List<TrackedItem> trackScripts = new ArrayList<>();
        final List<TrackedItem> trackFiles = new ArrayList<>();
        final List<TrackedItem> trackProcesses = new ArrayList<>();
        final List<TrackedItem> trackBfds = new ArrayList<>();
        final Map<String, NotifyScript> notify = new LinkedHashMap<>();
        Boolean smtpAlert;
        UseVmac useVmac;
        boolean dontTrackPrimary;
        boolean promoteSecondaries;
        String syncGroup;

        InstanceDraft(String name, SourceLocation location) {
            this.name = name;
            this.location = location;
        }
    }

    static final class SyncGroupDraft extends Draft {
        final String name;
        final List<String> members = new ArrayList<>();
        final List<TrackedItem> trackIfs = new ArrayList<>();
        final List<TrackedItem> trackScripts = new ArrayList<>();
        final List<TrackedItem> trackFiles = new ArrayList<>();
        final List<TrackedItem> trackProcesses = new ArrayList<>();
        final List<TrackedItem> trackBfds = new ArrayList<>();
        final Map<String, NotifyScript> notify = new LinkedHashMap<>();
        boolean smtpAlert;
        boolean trackingWeight;

        SyncGroupDraft(String name) {
            this.name = name;
        }
    }

    static final class ScriptDraft extends Draft {
        final String name;
        NotifyScript script;
        long interval = Numbers.TIMER_HZ;
        long timeout;
        int weight;
        boolean reverse;
        int rise = 1;
        int fall = 1;
        String user;
        String group;
        boolean initFail;
        boolean removed;

        ScriptDraft(String name) {
            this.name = name;
        }
    }

    static final class TrackFileDraft extends Draft {
        final String name;
        String file;
        int weight = 1;
        boolean reverse;
        boolean initFile;
        int initValue;
        boolean overwrite;

        TrackFileDraft(String name) {
            this.name = name;
        }
    }

    static final class TrackProcessDraft extends Draft {
        final String name;
        List<String> process = List.of();
        String paramMatch = "exact";
        int weight;
        boolean reverse;
        int quorum = 1;
        int quorumMax = -1;
        long forkDelay;
        long terminateDelay;
        boolean fullCommand;

        TrackProcessDraft(String name) {
            this.name = name;
        }
    }

    static final class GarpGroupDraft extends Draft {
        /** keepalived's aggregation_group: numbered only when an interfaces block is given. */
        int aggregationGroup;
        boolean haveGarp;
        boolean haveGna;
        long garpInterval;
        long gnaInterval;
        final List<String> interfaces = new ArrayList<>();
    }

    static final class VsDraft extends Draft {
        String address;
        int port;
        long fwmark = -1;
        String group;
        String protocol;
        String lbAlgo;
        String lbKind;
        long delayLoop = 60 * Numbers.TIMER_HZ;
        long persistence;
        long quorum = 1;
        long hysteresis;
        String sorryServer;
        int weight = 1;
        final List<RsDraft> realServers = new ArrayList<>();
        /** quorum_up/down and the real servers' notify_up/down scripts (script security). */
        final List<NotifyScript> scripts = new ArrayList<>();
        final String description;

        VsDraft(String description) {
            this.description = description;
        }
    }

    static final class RsDraft extends Draft {
        final String address;
        final int port;
        Integer weight;
        final List<CheckerDraft> checkers = new ArrayList<>();

        RsDraft(String address, int port) {
            this.address = address;
            this.port = port;
        }
    }

    static final class CheckerDraft extends Draft {
        final String type;
        /** keepalived already dropped the checker (no end-of-block message then). */
        boolean dropped;
        final List<Draft> urls = new ArrayList<>();
        final List<Draft> hosts = new ArrayList<>();
        NotifyScript script;

        CheckerDraft(String type) {
            this.type = type;
        }
    }

    static final class BfdDraft extends Draft {
        final String name;
        String neighbor;
        String source;
        long minRx = 10_000;
        long minTx = 10_000;
        long idleTx = 1_000_000;
        int multiplier = 5;
        boolean passive;
        int ttl = 255;
        int maxHops;
        boolean multihop;
        int weight;
        boolean reverse;

        BfdDraft(String name) {
            this.name = name;
        }
    }
}
