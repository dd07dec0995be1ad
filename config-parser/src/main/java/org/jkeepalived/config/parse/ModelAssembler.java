package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.List;

import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.model.BfdInstance;
import org.jkeepalived.config.model.GarpGroup;
import org.jkeepalived.config.model.GlobalDefs;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.StaticConfig;
import org.jkeepalived.config.model.TrackFile;
import org.jkeepalived.config.model.TrackProcess;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.VrrpScript;
import org.jkeepalived.config.parse.Drafts.BfdDraft;
import org.jkeepalived.config.parse.Drafts.GlobalDraft;
import org.jkeepalived.config.parse.Drafts.ScriptDraft;

/** Turns the passes' drafts into the immutable model, filling keepalived's defaults. */
final class ModelAssembler {
    private ModelAssembler() {
    }

    static KeepalivedConfig assemble(ParseOptions options, Drafts parent, Drafts vrrp, Drafts checker, Drafts bfd,
                                     ParseDriver.Results results) {
        GlobalDraft g = parent.global;
        GlobalDefs globals = new GlobalDefs(g.routerId != null ? g.routerId : hostName(), g.emails, g.emailFrom,
                g.smtpServer, g.smtpConnectTimeout, g.defaultInterface, g.dynamicInterfaces, g.mcastGroup4,
                g.mcastGroup6, g.garp(), g.downTimerAdverts, g.garpInterval, g.gnaInterval, g.lowerPrioNoAdvert,
                g.higherPrioSendAdvert, g.dualMasterStepDownAdvert, g.vrrpVersion, g.strict, g.skipCheckAdvAddr,
                g.checkUnicastSrc, g.scriptUser, g.scriptGroup, g.scriptSecurity, g.smtpAlert, g.notifyFifo,
                g.vrrpNotifyFifo, g.settings);
        List<VrrpScript> scripts = new ArrayList<>();
        for (ScriptDraft s : vrrp.scripts.values()) {
            // vrrp_script's own `user USER [GROUP]` line overrides the global script_user for this script.
            NotifyScript command = s.user == null ? s.script : new NotifyScript(s.script.argv(), s.user, s.group);
            scripts.add(new VrrpScript(s.name, command, s.interval, s.timeout == 0 ? s.interval : s.timeout, s.weight,
                    s.reverse, s.rise, s.fall, s.initFail));
        }
        List<TrackFile> files = new ArrayList<>();
        vrrp.trackFiles.values().forEach(f -> files.add(new TrackFile(f.name, f.file, f.weight, f.reverse, f.initFile,
                f.initValue, f.overwrite)));
        List<TrackProcess> processes = new ArrayList<>();
        vrrp.trackProcesses.values().forEach(p -> processes.add(new TrackProcess(p.name, p.process, p.paramMatch,
                p.weight, p.reverse, p.quorum, p.quorumMax, p.forkDelay, p.terminateDelay, p.fullCommand)));
        List<GarpGroup> garpGroups = new ArrayList<>();
        vrrp.garpGroups.forEach(gg -> garpGroups.add(new GarpGroup(gg.garpInterval, gg.gnaInterval, gg.interfaces)));
        StaticConfig statics = new StaticConfig(vrrp.staticAddresses, vrrp.staticRoutes, vrrp.staticRules,
                vrrp.trackGroups, vrrp.linkbeatInterfaces, vrrp.upDownDelays);
        List<BfdInstance> bfds = new ArrayList<>();
        for (BfdDraft b : bfd.bfds.values()) {
            bfds.add(new BfdInstance(b.name, b.neighbor, b.source, b.minRx, b.minTx, b.idleTx, b.multiplier, b.passive,
                    b.ttl, b.maxHops, b.multihop, b.weight, b.reverse));
        }
        return new KeepalivedConfig(globals, parent.root.settings, results.instances, results.syncGroups, scripts,
                files, processes, garpGroups, statics, results.virtualServers, CheckValidator.groups(checker), bfds);
    }

    private static String hostName() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
