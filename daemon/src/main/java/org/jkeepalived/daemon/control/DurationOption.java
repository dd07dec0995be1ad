package org.jkeepalived.daemon.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --for} values: a number of seconds ({@code 300}) or number-unit parts with s, m, h, d
 * ({@code 90s}, {@code 5m}, {@code 1h30m}). Stateless.
 */
public final class DurationOption {
    private static final Pattern WHOLE = Pattern.compile("(\\d+[smhd])+|\\d+");
    private static final Pattern PART = Pattern.compile("(\\d+)([smhd])");

    private DurationOption() {
    }

    /** Seconds, 1..{@link Handover#MAX_SECONDS}; throws {@link IllegalArgumentException} for the user. */
    public static long parseSeconds(String text) {
        String value = text == null ? "" : text.strip();
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': use seconds or e.g. 90s, 5m, 1h30m");
        }
        long seconds = 0;
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                seconds = Long.parseLong(value);
            } else {
                Matcher m = PART.matcher(value);
                while (m.find()) {
                    long unit = switch (m.group(2)) {
                        case "m" -> 60;
                        case "h" -> 3600;
                        case "d" -> 86400;
                        default -> 1;
                    };
                    seconds = Math.addExact(seconds, Math.multiplyExact(Long.parseLong(m.group(1)), unit));
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            seconds = Long.MAX_VALUE;
        }
        if (seconds < 1 || seconds > Handover.MAX_SECONDS) {
            throw new IllegalArgumentException("invalid duration '" + text + "': must be 1 s to 365 days");
        }
        return seconds;
    }
}
