package org.jkeepalived.daemon;

import java.io.IOException;
import java.util.Locale;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import org.jkeepalived.daemon.os.SyslogSender;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging from keepalived's flags: {@code -l} logs to the console (stderr), syslog is used
 * unless {@code -G}, with the facility of {@code -S} (default daemon), and {@code -D} turns on
 * keepalived's detailed lines.
 *
 * <p>Every line goes through one {@link AsyncAppender}: the calling thread (the event loop, in a
 * takeover between the advert and the gratuitous ARPs) only queues the event; a logging thread
 * formats the date and writes to stderr and syslog, in order. Nothing is dropped (the queue blocks
 * when full); the queue is flushed when the JVM exits.
 */
final class Logging {
    private static final int FACILITY_DAEMON = 3;
    private static final int QUEUE_LINES = 1024;
    private static final int EXIT_FLUSH_MILLIS = 2000;
    private static final long INIT_WAIT_NANOS = 10_000_000_000L;
    private static boolean flushAtExit;

    private Logging() {
    }

    static void configure(boolean console, boolean syslog, String facilityOption, boolean detail) {
        LoggerContext context = loggerContext();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(detail ? Level.DEBUG : Level.INFO);
        // Third-party libraries stay quiet unless something is wrong.
        context.getLogger("org.pcap4j").setLevel(Level.WARN);
        context.getLogger("jnr").setLevel(Level.WARN);
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("jkeepalived-log");
        async.setQueueSize(QUEUE_LINES);
        async.setDiscardingThreshold(0); // the default drops INFO lines when the queue is 80% full
        async.setMaxFlushTime(EXIT_FLUSH_MILLIS);
        async.setIncludeCallerData(false);
        attachSinks(async, context, console, syslog, facilityOption);
        async.start();
        root.addAppender(async);
        if (!flushAtExit) {
            flushAtExit = true;
            Runtime.getRuntime().addShutdownHook(new Thread(context::stop, "jkeepalived-log-flush"));
        }
    }

    private static void attachSinks(AsyncAppender async, LoggerContext context, boolean console, boolean syslog,
                                    String facilityOption) {
        if (console) {
            LogLineEncoder encoder = LogLineEncoder.timestamped();
            encoder.setContext(context);
            encoder.start();
            ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
            appender.setContext(context);
            appender.setTarget("System.err");
            appender.setEncoder(encoder);
            appender.start();
            async.addAppender(appender);
        }
        if (syslog) {
            try {
                SyslogSender sender = new SyslogSender("/dev/log", facility(facilityOption), "Keepalived_vrrp");
                SyslogAppender appender = new SyslogAppender(sender);
                appender.setContext(context);
                appender.start();
                async.addAppender(appender);
            } catch (IOException | RuntimeException e) {
                if (!console) {
                    System.err.println("jkeepalived: syslog unavailable (" + e.getMessage() + "); logging to stderr");
                    attachSinks(async, context, true, false, facilityOption);
                }
            }
        }
    }

    /**
     * logback's context. While another thread is initialising slf4j (a {@link StartupPreload}
     * thread loading a class with a logger), slf4j hands out a substitute factory instead: wait,
     * bounded, for the real one (without this the daemon died at start with a ClassCastException
     * in about one start in ten).
     */
    static LoggerContext loggerContext() {
        long deadline = System.nanoTime() + INIT_WAIT_NANOS;
        while (true) {
            org.slf4j.ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            if (factory instanceof LoggerContext context) {
                return context;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("slf4j is not bound to logback: " + factory.getClass().getName());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }

    /**
     * Runs {@code lines} log calls through the same logback path as the daemon's (logger, event,
     * {@link AsyncAppender} queue) in a private context whose only sink discards them: the loop
     * thread's log call in a takeover (between the advert and the gratuitous ARPs) then runs
     * compiled code. Nothing is written anywhere. Any thread; meant for the warm-up thread.
     */
    static void warm(int lines) {
        LoggerContext context = new LoggerContext();
        context.setName("jkeepalived-warmup");
        AppenderBase<ILoggingEvent> discard = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                event.getFormattedMessage();
            }
        };
        discard.setContext(context);
        discard.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setQueueSize(QUEUE_LINES);
        async.setDiscardingThreshold(0);
        async.addAppender(discard);
        async.start();
        ch.qos.logback.classic.Logger logger = context.getLogger("Keepalived_vrrp");
        logger.setLevel(Level.INFO);
        logger.addAppender(async);
        for (int i = 0; i < lines; i++) {
            logger.info("(warmup) Entering MASTER STATE");
            logger.debug("(warmup) setting VIPs.");
        }
        context.stop();
    }

    /** keepalived's {@code -S}: 0-7 (local0-7), local0..local7, user or daemon. */
    static int facility(String option) {
        if (option == null) {
            return FACILITY_DAEMON;
        }
        String o = option.trim().toLowerCase(Locale.ROOT);
        if (o.matches("[0-7]")) {
            return 16 + Integer.parseInt(o);
        }
        if (o.matches("local[0-7]")) {
            return 16 + (o.charAt(5) - '0');
        }
        if (o.equals("user")) {
            return 1;
        }
        return FACILITY_DAEMON;
    }

    private static final class SyslogAppender extends AppenderBase<ILoggingEvent> {
        private final SyslogSender sender;

        SyslogAppender(SyslogSender sender) {
            this.sender = sender;
        }

        @Override
        protected void append(ILoggingEvent event) {
            int severity = switch (event.getLevel().toInt()) {
                case Level.ERROR_INT -> 3;
                case Level.WARN_INT -> 4;
                case Level.INFO_INT -> 6;
                default -> 7;
            };
            sender.send(severity, event.getFormattedMessage());
        }

        @Override
        public void stop() {
            super.stop();
            sender.close();
        }
    }
}
