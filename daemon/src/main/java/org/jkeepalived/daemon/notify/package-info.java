/**
 * keepalived's notifications for state transitions: notify scripts with keepalived's argv, the
 * notify FIFOs' exact lines, and {@code smtp_alert} e-mail, sent in keepalived's order by
 * {@link org.jkeepalived.daemon.notify.Notifier}; {@link org.jkeepalived.daemon.notify.NotificationFactory}
 * builds the settings from the parser's model. Loop thread only, except the SMTP sender thread.
 */
package org.jkeepalived.daemon.notify;
