package org.jkeepalived.daemon.track;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jkeepalived.daemon.os.EventPoster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the directories of tracked files with the JDK's WatchService (inotify on Linux) and posts
 * {@link FileTracker#reread()} to the event loop whenever a tracked file is created, written,
 * renamed into place or deleted. One daemon thread blocks on the watch service; it only posts.
 * {@link #watch} and {@link #close} are called from the loop thread.
 */
public final class FileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);

    private final EventPoster poster;
    private final WatchService service;
    private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
    private final Map<Path, List<FileTracker>> trackersByFile = new ConcurrentHashMap<>();
    private final Thread thread;

    public FileWatcher(EventPoster poster) throws IOException {
        this.poster = poster;
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "track-file-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching {@code tracker}'s file; its directory must exist (keepalived requires it too). */
    public void watch(FileTracker tracker) throws IOException {
        Path file = tracker.file().toAbsolutePath().normalize();
        Path dir = file.getParent();
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        directories.put(key, dir);
        trackersByFile.computeIfAbsent(file, f -> new CopyOnWriteArrayList<>()).add(tracker);
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.getMessage());
        }
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = directories.get(key);
            List<FileTracker> touched = new ArrayList<>();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    trackersByFile.values().forEach(touched::addAll);
                } else if (dir != null) {
                    touched.addAll(trackersByFile.getOrDefault(dir.resolve((Path) event.context()), List.of()));
                }
            }
            key.reset();
            for (FileTracker tracker : touched) {
                poster.post(tracker::reread);
            }
        }
    }
}
