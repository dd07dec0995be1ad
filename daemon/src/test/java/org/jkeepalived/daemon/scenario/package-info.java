/**
 * End-to-end scenario tests (issue 3, "How it will be checked"): the real daemon (the shaded jar)
 * and keepalived 2.2.7 in network namespaces the tests create, judged from a tcpdump capture on
 * the switch (kernel timestamps, read with tshark) and from the kernel's address state.
 *
 * <p>Run them with {@code mvn -B -o -pl daemon -am verify -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='PairFailoverIT,InteropIT,NginxFailoverIT,SeedScenariosIT,FaultsIT,ReloadIT'}
 * as root. Each class keeps its configurations, daemon logs, captures, dumps and client request
 * logs under {@code daemon/target/scenarios/CLASS-MILLIS/} for reading after a failure.
 *
 * <p>Rules they follow: unique namespace names per run, every process and namespace removed in
 * {@code close()}/{@code @AfterAll} also on failure, no fixed sleeps for synchronisation (the
 * {@link org.jkeepalived.daemon.testing.Poll} helpers wait for observable state with deadlines),
 * addresses from 192.0.2.0/24 and 2001:db8::/32 only, and the preferred master started first (both
 * nodes start as BACKUP for Master_Down_Interval, so on a loaded machine the JVM that came up
 * first would otherwise win the first election).
 */
package org.jkeepalived.daemon.scenario;
