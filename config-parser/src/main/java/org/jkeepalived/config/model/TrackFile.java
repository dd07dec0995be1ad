package org.jkeepalived.config.model;

/**
 * A {@code track_file} (or deprecated {@code vrrp_track_file}).
 *
 * @param name      tracker name
 * @param file      path of the tracked file
 * @param weight    multiplier (default 1)
 * @param reverse   weight reversed
 * @param initFile  whether to create the file at start-up
 * @param initValue value written when created
 * @param overwrite overwrite an existing file at start-up
 */
public record TrackFile(String name, String file, int weight, boolean reverse, boolean initFile, int initValue,
                        boolean overwrite) {
}
