package org.jkeepalived.daemon.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's {@code smtp_alert} e-mails: one plain SMTP conversation per alert (HELO, MAIL FROM,
 * RCPT TO per recipient, DATA, QUIT) to {@code smtp_server}, with keepalived's headers
 * (Date, From, Subject, X-Mailer: Keepalived, To) and its subject and body wording for VRRP
 * instances and groups. The connect and every reply wait are bounded by
 * {@code smtp_connect_timeout}.
 *
 * <p>Sending blocks on the network, so alerts are queued to one daemon thread and sent in order;
 * the event loop never waits. {@link #send} returns a future that completes with whether the
 * server accepted the message (for tests). Thread-safe.
 */
public final class SmtpAlerter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpAlerter.class);
    private static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    /**
     * Global e-mail settings.
     *
     * @param server          the relay
     * @param timeoutMillis   smtp_connect_timeout (keepalived default 30 s; 0 is taken as 1 s)
     * @param heloName        smtp_helo_name (default: local host name)
     * @param from            notification_email_from (default: user@local host name)
     * @param recipients      notification_email
     * @param routerId        router_id, in the subject
     * @param noEmailFaults   no_email_faults: no e-mail for FAULT transitions
     */
    public record Settings(InetSocketAddress server, int timeoutMillis, String heloName, String from,
                           List<String> recipients, String routerId, boolean noEmailFaults) {
        public Settings {
            recipients = List.copyOf(recipients);
            timeoutMillis = timeoutMillis <= 0 ? 1000 : timeoutMillis;
        }

        /**
         * Settings with keepalived's defaults filled in: HELO name and router_id default to the
         * local host name, From to {@code user@hostname}.
         *
         * @param smtpServer  "ADDR", "ADDR:PORT", "[V6]:PORT", bare IPv6, or "ADDR PORT"; port 25 by default
         * @param timeoutSeconds smtp_connect_timeout
         */
        public static Settings withDefaults(String smtpServer, int timeoutSeconds, String heloName, String from,
                                            List<String> recipients, String routerId, boolean noEmailFaults,
                                            String localHostName, String userName) {
            return new Settings(parseServer(smtpServer), timeoutSeconds * 1000,
                    heloName != null ? heloName : localHostName,
                    from != null ? from : userName + "@" + localHostName,
                    recipients, routerId != null ? routerId : localHostName, noEmailFaults);
        }
    }

    /** Parses keepalived's smtp_server forms into an address (resolved now), port 25 by default. */
    public static InetSocketAddress parseServer(String server) {
        String text = server.strip();
        String host = text;
        int port = 25;
        int blank = text.indexOf(' ');
        if (blank > 0) {
            host = text.substring(0, blank);
            port = Integer.parseInt(text.substring(blank + 1).strip());
        } else if (text.startsWith("[")) {
            int close = text.indexOf(']');
            host = text.substring(1, close);
            if (close + 1 < text.length() && text.charAt(close + 1) == ':') {
                port = Integer.parseInt(text.substring(close + 2));
            }
        } else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = Integer.parseInt(text.substring(text.indexOf(':') + 1));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp_server port " + port + " outside range [1, 65535]");
        }
        return new InetSocketAddress(host, port);
    }

    private final Settings settings;
    private final Supplier<ZonedDateTime> clock;
    private final ExecutorService sender;

    public SmtpAlerter(Settings settings) {
        this(settings, ZonedDateTime::now);
    }

    SmtpAlerter(Settings settings, Supplier<ZonedDateTime> clock) {
        this.settings = settings;
        this.clock = clock;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "smtp-alert");
            thread.setDaemon(true);
            return thread;
        });
    }

    public Settings settings() {
        return settings;
    }

    /** keepalived's instance alert: subject "[router_id] VRRP Instance NAME - …" and its body line. */
    public CompletableFuture<Boolean> instanceAlert(String instance, NotifyState state) {
        String[] text = switch (state) {
            case MASTER -> new String[] {"Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="};
            case BACKUP -> new String[] {"Entering BACKUP state", "=> VRRP Instance is no longer owning VRRP VIPs <="};
            case FAULT -> new String[] {"Entering FAULT state", "=> VRRP Instance is no longer owning VRRP VIPs <="};
            case STOP -> new String[] {"Stopping", "=> VRRP Instance stopping <="};
            case DELETED -> new String[] {"Deleted", "=> VRRP Deleted at reload <="};
        };
        return send("[" + settings.routerId() + "] VRRP Instance " + instance + " - " + text[0], text[1]);
    }

    /** keepalived's group alert: subject "[router_id] VRRP Group NAME - …" (no DELETED for groups). */
    public CompletableFuture<Boolean> groupAlert(String group, NotifyState state) {
        String[] text = switch (state) {
            case MASTER -> new String[] {"Entering MASTER state", "=> All VRRP group instances are now in MASTER state <="};
            case BACKUP -> new String[] {"Entering BACKUP state", "=> All VRRP group instances are now in BACKUP state <="};
            case FAULT -> new String[] {"Entering FAULT state", "=> All VRRP group instances are now in FAULT state <="};
            case STOP -> new String[] {"Stopping", "=> All VRRP group instances are now stopping <="};
            case DELETED -> null;
        };
        if (text == null) {
            return CompletableFuture.completedFuture(false);
        }
        return send("[" + settings.routerId() + "] VRRP Group " + group + " - " + text[0], text[1]);
    }

    /** Queues one message; nothing is sent without recipients. */
    public CompletableFuture<Boolean> send(String subject, String body) {
        if (settings.recipients().isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        String date = RFC822.format(clock.get());
        return CompletableFuture.supplyAsync(() -> converse(subject, body, date), sender);
    }

    /** Stops the sender thread; queued alerts are dropped. */
    @Override
    public void close() {
        sender.shutdownNow();
    }

    private boolean converse(String subject, String body, String date) {
        String host = "[" + settings.server().getHostString() + "]:" + settings.server().getPort();
        String stage = "connect";
        try (Socket socket = new Socket()) {
            socket.connect(settings.server(), settings.timeoutMillis());
            socket.setSoTimeout(settings.timeoutMillis());
            LOG.debug("Remote SMTP server {} connected.", host);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, 220, "connect", host);
            stage = "HELO";
            command(out, in, "HELO " + settings.heloName(), 250, stage, host);
            stage = "MAIL";
            command(out, in, "MAIL FROM:<" + envelopeAddress(settings.from()) + ">", 250, stage, host);
            stage = "RCPT";
            for (String recipient : settings.recipients()) {
                command(out, in, "RCPT TO:<" + recipient + ">", 250, stage, host);
            }
            stage = "DATA";
            command(out, in, "DATA", 354, stage, host);
            stage = "BODY";
            String message = "Date: " + date + "\r\nFrom: " + settings.from() + "\r\nSubject: " + subject
                    + "\r\nX-Mailer: Keepalived\r\nTo: " + String.join(", ", settings.recipients()) + "\r\n\r\n"
                    + body + "\r\n\r\n.";
            command(out, in, message, 250, stage, host);
            LOG.info("SMTP alert successfully sent.");
            stage = "QUIT";
            command(out, in, "QUIT", 221, stage, host);
            return true;
        } catch (SocketTimeoutException e) {
            LOG.info("connect".equals(stage) ? "Timeout connecting SMTP server {}." : "Timeout reading data to remote SMTP server {}.", host);
        } catch (SmtpReplyException e) {
            LOG.info("Error processing {} cmd on SMTP server {}.", e.getMessage(), host);
        } catch (IOException e) {
            LOG.info("SMTP connection ERROR to {}.", host);
        }
        return "QUIT".equals(stage);
    }

    private static void command(OutputStream out, BufferedReader in, String line, int expected, String stage, String host)
            throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, expected, stage, host);
    }

    /** Reads a (possibly multi-line) reply and checks its code. */
    private static void expect(BufferedReader in, int expected, String stage, String host) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                LOG.info("Remote SMTP server {} has closed the connection.", host);
                throw new SmtpReplyException(stage);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (line.length() < 3 || !line.startsWith(String.valueOf(expected))) {
            throw new SmtpReplyException(stage);
        }
    }

    /** The address inside "Name &lt;addr&gt;", or the whole string. */
    static String envelopeAddress(String from) {
        int open = from.lastIndexOf('<');
        int close = from.lastIndexOf('>');
        return open >= 0 && close > open ? from.substring(open + 1, close) : from;
    }

    /** An unexpected reply code; the message is the SMTP stage. */
    private static final class SmtpReplyException extends IOException {
        private static final long serialVersionUID = 1L;

        SmtpReplyException(String stage) {
            super(stage);
        }
    }
}
