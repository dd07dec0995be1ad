package org.jkeepalived.daemon.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.VrrpSyncGroup;
import org.jkeepalived.daemon.notify.InstanceNotifications;
import org.jkeepalived.daemon.notify.NotificationFactory;
import org.jkeepalived.daemon.notify.NotifyState;
import org.jkeepalived.daemon.notify.SmtpAlerter;
import org.jkeepalived.daemon.os.ScriptChecker;
import org.jkeepalived.daemon.os.ScriptRunner;
import org.jkeepalived.daemon.os.Scripts;
import org.jkeepalived.daemon.os.TestLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a keepalived.conf parsed by the real config parser to trackers, tracker sets and notification settings. */
class TrackerRegistryTest {
    @TempDir
    Path dir;

    private final TestLoop loop = new TestLoop();
    private final ScriptRunner runner = new ScriptRunner(loop);
    private TrackerRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
        runner.killAll();
    }

    private KeepalivedConfig parse(String text) throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, text);
        ParseOptions options = new ParseOptions("lb1", false, HostInterfaces.of(Map.of("eth0", List.of("192.0.2.1/24"),
                "eth1", List.of("198.51.100.1/24"))), ScriptEnvironment.system(), dir);
        org.jkeepalived.config.ParseResult result = ConfigParser.parse(conf, options);
        return result.config();
    }

    private String config() throws IOException {
        Path chk = Scripts.write(dir, "chk.sh", "exit 0");
        Path notify = Scripts.write(dir, "notify.sh", "exit 0");
        return """
                global_defs {
                    router_id LB1
                    notification_email { ops@example.org }
                    notification_email_from ka@example.org
                    smtp_server 127.0.0.1 2525
                    smtp_connect_timeout 7
                    notify_fifo %1$s/notify.fifo
                    vrrp_notify_priority_changes
                }
                vrrp_script chk {
                    script "%2$s"
                    interval 2
                    weight 10
                    rise 2
                    fall 3
                }
                vrrp_script gone {
                    script "%1$s/gone.sh"
                }
                vrrp_track_process nginx {
                    process nginx
                    weight -20
                }
                vrrp_sync_group SG1 {
                    group {
                        VI_1
                    }
                    track_interface {
                        eth1
                    }
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        192.0.2.100/24
                    }
                    track_script {
                        chk
                        gone
                    }
                    track_process {
                        nginx weight -5
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        192.0.2.101/24
                    }
                    track_script {
                        chk
                    }
                    track_process {
                        nginx weight -5
                    }
                    track_interface {
                        eth1 weight 7
                    }
                    notify "%3$s 'a b'"
                    notify_master %3$s
                    smtp_alert
                }
                """.formatted(dir, chk, notify);
    }

    @Test
    void buildsTrackersAndTrackerSetsForInstancesInAndOutOfASyncGroup() throws IOException {
        KeepalivedConfig config = parse(config());
        ScriptChecker checker = new ScriptChecker(false, null, null, Map.of("PATH", "/usr/bin:/bin"));
        registry = TrackerRegistry.create(config, checker, runner, loop, s -> { }, false);
        assertThat(registry.scripts()).containsOnlyKeys("chk");
        assertThat(registry.processes()).containsOnlyKeys("nginx");

        VrrpSyncGroup sg1 = config.syncGroups().get(0);
        TrackerSet inGroup = registry.trackerSetFor(config.instance("VI_1"), sg1, name -> true);
        TrackerSet alone = registry.trackerSetFor(config.instance("VI_2"), null, name -> false);
        registry.start(System.nanoTime());

        // In a sync group without sync_group_tracking_weight the weighted script is dropped (by the
        // parser or by TrackerSet), the process keeps its weight (as keepalived 2.2.7 does), and
        // the group's track_interface applies to the member.
        assertThat(inGroup.entries()).extracting(e -> e.source().name() + "/" + e.weight())
                .containsExactly("nginx/-5", "eth1/0");
        assertThat(alone.entries()).extracting(e -> e.source().name() + "/" + e.weight())
                .containsExactly("eth1/7", "chk/10", "nginx/-5");
        assertThat(registry.interfaceIfTracked("eth1")).containsSame(
                (TrackedInterface) alone.entries().get(0).source());
        assertThat(registry.trackedInterfaceNames()).containsExactly("eth1");
        int nginxWeight = registry.processes().get("nginx").up() ? 0 : -5;
        assertThat(alone.effectivePriority(100)).as("eth1 up from the group's first use, chk in INIT")
                .isEqualTo(100 + 7 + nginxWeight);
    }

    @Test
    void aReloadCarriesScriptResultsAndInterfaceStatesOver() throws IOException {
        KeepalivedConfig config = parse(config());
        ScriptChecker checker = new ScriptChecker(false, null, null, Map.of("PATH", "/usr/bin:/bin")).quiet();
        TrackerRegistry before = TrackerRegistry.create(config, checker, runner, loop, s -> { }, false);
        TrackerSet oldSet = before.trackerSetFor(config.instance("VI_2"), null, name -> true);
        before.scripts().get("chk").onResult(new org.jkeepalived.daemon.os.ScriptResult(
                org.jkeepalived.daemon.os.ScriptResult.Outcome.EXITED, 0));
        before.interfaceIfTracked("eth1").orElseThrow().setUp(false);

        registry = TrackerRegistry.create(config, checker, runner, loop, s -> { }, true);
        TrackerSet newSet = registry.trackerSetFor(config.instance("VI_2"), null, name -> true);
        registry.carryOver(before);
        before.close();

        assertThat(registry.scripts().get("chk").status()).isEqualTo(ScriptTracker.Status.GOOD);
        assertThat(registry.interfaceIfTracked("eth1").orElseThrow().up()).isFalse();
        assertThat(newSet.totalWeight()).isEqualTo(oldSet.totalWeight());
    }

    @Test
    void theOwnInterfaceAndOtherVipInterfacesAreTrackedForFaultAsInKeepalived() throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.0.2.100/24
                        198.51.100.100/24 dev eth1
                        198.51.100.101/24 dev eth2 no_track
                    }
                    track_interface {
                        eth0 weight 10
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    dont_track_primary
                    virtual_router_id 52
                    virtual_ipaddress {
                        192.0.2.101/24
                    }
                }
                """);
        KeepalivedConfig config = ConfigParser.parse(conf, new ParseOptions("lb1", false, HostInterfaces.of(Map.of(
                "eth0", List.of("192.0.2.1/24"), "eth1", List.of("198.51.100.1/24"), "eth2", List.of())),
                ScriptEnvironment.system(), dir)).config();
        registry = TrackerRegistry.create(config, new ScriptChecker(false, null, null, Map.of()).quiet(), runner, loop,
                s -> { }, false);

        TrackerSet vi1 = registry.trackerSetFor(config.instance("VI_1"), null, name -> true, true);
        TrackerSet vi2 = registry.trackerSetFor(config.instance("VI_2"), null, name -> true, true);
        TrackerSet vi1WithoutPrimary = registry.trackerSetFor(config.instance("VI_1"), null, name -> true);

        assertThat(vi1.entries()).extracting(e -> e.source().name() + "/" + e.weight())
                .containsExactly("eth0/0", "eth1/0");
        assertThat(vi2.entries()).isEmpty();
        assertThat(vi1WithoutPrimary.entries()).extracting(e -> e.source().name() + "/" + e.weight())
                .as("track_interface naming the own interface is ignored either way").containsExactly("eth1/0");
        registry.interfaceIfTracked("eth1").orElseThrow().setUp(false);
        assertThat(vi1.faultingSources()).containsExactly("eth1");
    }

    @Test
    void trackFilesAreInitialisedReadAndWeighted() throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                track_file tf {
                    file "%1$s/tf"
                    weight 3
                    init_file 4
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.0.2.100/24
                    }
                    track_file {
                        tf
                    }
                }
                """.formatted(dir));
        KeepalivedConfig config = ConfigParser.parse(conf, new ParseOptions("lb1", false, HostInterfaces.of(Map.of(
                "eth0", List.of("192.0.2.1/24"))), ScriptEnvironment.system(), dir)).config();
        registry = TrackerRegistry.create(config, new ScriptChecker(false, null, null, Map.of()).quiet(), runner, loop,
                s -> { }, false);

        assertThat(Files.readString(dir.resolve("tf"))).isEqualTo("4\n");
        assertThat(registry.files().get("tf").value()).isEqualTo(4);
        TrackerSet set = registry.trackerSetFor(config.instance("VI_1"), null, name -> true);
        assertThat(set.effectivePriority(100)).isEqualTo(112);
    }

    @Test
    void buildsNotificationSettingsFromTheModel() throws IOException {
        KeepalivedConfig config = parse(config());
        ScriptChecker checker = new ScriptChecker(false, null, null, Map.of("PATH", "/usr/bin:/bin"));
        NotificationFactory factory = new NotificationFactory(checker);

        InstanceNotifications vi1 = factory.instance(config.instance("VI_2"), config.globalDefs());

        assertThat(vi1.generic().argv()).containsExactly(dir.resolve("notify.sh").toRealPath().toString(), "a b");
        assertThat(vi1.stateScripts()).containsOnlyKeys(NotifyState.MASTER);
        assertThat(vi1.smtpAlert()).isTrue();
        assertThat(vi1.notifyPriorityChanges()).isTrue();
        assertThat(factory.globalFifo(config.globalDefs()).path()).isEqualTo(dir.resolve("notify.fifo"));
        assertThat(factory.vrrpFifo(config.globalDefs())).isNull();
        SmtpAlerter.Settings smtp = NotificationFactory.smtp(config.globalDefs(), "lb1", "root").orElseThrow();
        assertThat(smtp.server().getPort()).isEqualTo(2525);
        assertThat(smtp.timeoutMillis()).isEqualTo(7000);
        assertThat(smtp.from()).isEqualTo("ka@example.org");
        assertThat(smtp.heloName()).isEqualTo("lb1");
        assertThat(smtp.routerId()).isEqualTo("LB1");
        assertThat(smtp.recipients()).containsExactly("ops@example.org");
    }
}
