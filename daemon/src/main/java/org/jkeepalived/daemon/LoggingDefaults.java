package org.jkeepalived.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * logback's configuration before the command line is read: INFO and above, the message alone, on
 * stderr. The daemon replaces it from its flags ({@link Logging}); the tools keep it.
 *
 * <p>Found by logback through {@code META-INF/services/ch.qos.logback.classic.spi.Configurator},
 * in place of a {@code logback.xml}: parsing XML at start-up loaded about 450 classes (the JDK's
 * XML parser and logback's Joran) and cost a measurable part of the time to the first advert.
 * Runs once, on the thread that first asks for a logger.
 */
public final class LoggingDefaults extends ContextAwareBase implements Configurator {
    /** Called by logback's ServiceLoader lookup. */
    public LoggingDefaults() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogLineEncoder encoder = LogLineEncoder.messageOnly();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        // As in the daemon's configuration: the native libraries' loading chatter stays out, also
        // when StartupPreload loads them before the command line is read.
        context.getLogger("org.pcap4j").setLevel(Level.WARN);
        context.getLogger("jnr").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
