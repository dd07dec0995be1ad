/**
 * keepalived's trackers: {@code vrrp_script} ({@link org.jkeepalived.daemon.track.ScriptTracker}),
 * {@code track_file} ({@link org.jkeepalived.daemon.track.FileTracker} with an inotify
 * {@link org.jkeepalived.daemon.track.FileWatcher}), {@code vrrp_track_process}
 * ({@link org.jkeepalived.daemon.track.ProcessTracker} fed by a /proc
 * {@link org.jkeepalived.daemon.track.ProcessScanner}) and {@code track_interface}
 * ({@link org.jkeepalived.daemon.track.TrackedInterface}, fed link states by the loop). A
 * {@link org.jkeepalived.daemon.track.TrackerSet} turns one instance's entries into its effective
 * priority and FAULT verdict; {@link org.jkeepalived.daemon.track.TrackerRegistry} builds it all
 * from the parser's model. Loop thread only (see the {@code os} package for the threading contract).
 */
package org.jkeepalived.daemon.track;
