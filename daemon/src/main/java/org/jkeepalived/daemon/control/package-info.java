/**
 * Status, metrics and planned handover without signals: an immutable {@link
 * org.jkeepalived.daemon.control.Snapshot} built on the event loop and published through a
 * volatile reference ({@link org.jkeepalived.daemon.control.SnapshotPublisher}), read by the
 * control socket ({@link org.jkeepalived.daemon.control.ControlServer}) and the opt-in HTTP
 * listener ({@link org.jkeepalived.daemon.control.HttpStatusServer}); their threads never touch
 * VRRP state. Commands that change state (demote, promote) are posted into the loop and answered
 * once applied ({@link org.jkeepalived.daemon.control.Handover}). The {@code status},
 * {@code demote} and {@code promote} subcommands are the clients.
 */
package org.jkeepalived.daemon.control;
