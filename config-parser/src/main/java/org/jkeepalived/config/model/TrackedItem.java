package org.jkeepalived.config.model;

/**
 * One entry of a {@code track_interface}, {@code track_script}, {@code track_file},
 * {@code track_process} or {@code track_bfd} block.
 *
 * @param name     interface or tracker name
 * @param weight   effective weight (the tracker's own default when not given on the line)
 * @param reverse  whether the weight is applied reversed
 */
public record TrackedItem(String name, int weight, boolean reverse) {
}
