package org.jkeepalived.config.lex;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one configuration file the way keepalived 2.2.7 does with {@code fgets} into its
 * 1024-byte buffer ({@code MAXBUF}): a piece is at most 1023 bytes, ending after a newline if one
 * comes first. So a longer line arrives as several pieces, and only the piece that ends with the
 * newline counts as a new line (keepalived's line counter then advances); the earlier pieces are
 * reported with the previous line's number. keepalived treats the piece as a C string, so an
 * embedded NUL cuts it there and hides its newline (the line is not counted). The last line of a
 * file without a final newline is not counted either.
 *
 * <p>Bytes are decoded as UTF-8 (invalid sequences become U+FFFD); lengths are measured in bytes
 * as keepalived measures them. Not thread-safe. Close it when done.
 */
final class PhysicalLineReader implements AutoCloseable {
    /** keepalived's MAXBUF; fgets reads at most one byte less. */
    static final int MAXBUF = 1024;

    /** One fgets piece. {@code text} has no trailing newline or carriage returns. */
    record Piece(String text, boolean countsAsLine) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[MAXBUF];
    private boolean eof;

    private PhysicalLineReader(InputStream in) {
        this.in = in;
    }

    static PhysicalLineReader open(Path file) throws IOException {
        return new PhysicalLineReader(new BufferedInputStream(Files.newInputStream(file), 8192));
    }

    static PhysicalLineReader of(InputStream in) {
        return new PhysicalLineReader(new BufferedInputStream(in, 8192));
    }

    /** The next piece, or null at the end of the file (or on a read error, which ends the file). */
    Piece next() {
        if (eof) {
            return null;
        }
        int length = 0;
        try {
            while (length < MAXBUF - 1) {
                int b = in.read();
                if (b < 0) {
                    eof = true;
                    break;
                }
                buffer[length++] = (byte) b;
                if (b == '\n') {
                    break;
                }
            }
        } catch (IOException e) {
            eof = true;
        }
        if (length == 0) {
            return null;
        }
        int visible = 0;
        while (visible < length && buffer[visible] != 0) {
            visible++;
        }
        boolean counts = visible > 0 && buffer[visible - 1] == '\n';
        int end = visible;
        while (end > 0 && (buffer[end - 1] == '\n' || buffer[end - 1] == '\r')) {
            end--;
        }
        return new Piece(new String(buffer, 0, end, StandardCharsets.UTF_8), counts);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a file we only read loses nothing.
        }
    }
}
