package org.jkeepalived.daemon.control;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jkeepalived.daemon.loop.EventLoop;

/**
 * The control socket's request language, one line per connection:
 * <pre>
 *   status                  the readable table ({@link StatusTable})
 *   status-json             the /status document ({@link StatusJson})
 *   demote NAME [SECONDS]   planned handover of an instance or sync group; 0 or none = until promoted
 *   promote NAME            ends a demotion at once
 * </pre>
 * Replies: the table or the JSON for the status commands; {@code OK ...} or {@code ERROR ...} on
 * one line for the others (and for a request that cannot be understood). Status requests read
 * the published {@link Snapshot} and never wait for the loop; demote and promote are posted into
 * the loop and answered once applied (at most {@link #LOOP_TIMEOUT_SECONDS} s). Thread-safe.
 */
final class ControlProtocol {
    static final long LOOP_TIMEOUT_SECONDS = 5;
    static final int MAX_REQUEST_BYTES = 1024;

    private final EventLoop loop;
    private final SnapshotPublisher snapshots;
    private final Handover handover;

    ControlProtocol(EventLoop loop, SnapshotPublisher snapshots, Handover handover) {
        this.loop = loop;
        this.snapshots = snapshots;
        this.handover = handover;
    }

    /** Answers one request line (any thread but the loop's). */
    String answer(String request) {
        List<String> words = List.of(request.strip().split("\\s+"));
        String command = words.get(0);
        switch (command) {
            case "status" -> {
                return words.size() == 1 ? StatusTable.render(snapshots.current()) : usage();
            }
            case "status-json" -> {
                return words.size() == 1 ? StatusJson.render(snapshots.current()) + "\n" : usage();
            }
            case "demote" -> {
                if (words.size() < 2 || words.size() > 3) {
                    return usage();
                }
                long seconds;
                try {
                    seconds = words.size() == 3 ? Long.parseLong(words.get(2)) : 0;
                } catch (NumberFormatException e) {
                    return "ERROR demotion period is not a number of seconds: " + words.get(2) + "\n";
                }
                return inLoop(h -> h.demote(words.get(1), seconds));
            }
            case "promote" -> {
                return words.size() == 2 ? inLoop(h -> h.promote(words.get(1))) : usage();
            }
            default -> {
                return usage();
            }
        }
    }

    private String inLoop(Function<Handover, Handover.Result> command) {
        CompletableFuture<Handover.Result> done = new CompletableFuture<>();
        loop.post(() -> {
            try {
                Handover.Result result = command.apply(handover);
                snapshots.rebuildNow();
                done.complete(result);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(LOOP_TIMEOUT_SECONDS, TimeUnit.SECONDS).reply() + "\n";
        } catch (TimeoutException e) {
            return "ERROR the event loop did not answer within " + LOOP_TIMEOUT_SECONDS + " s\n";
        } catch (ExecutionException e) {
            return "ERROR " + e.getCause() + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "ERROR interrupted\n";
        }
    }

    private static String usage() {
        return "ERROR unknown request; use: status | status-json | demote NAME [SECONDS] | promote NAME\n";
    }
}
