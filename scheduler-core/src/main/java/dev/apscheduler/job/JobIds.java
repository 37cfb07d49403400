package dev.apscheduler.job;

import org.jspecify.annotations.Nullable;

/**
 * The rule every job id follows: 1 to {@value #MAX_LENGTH} characters, each an ASCII letter or digit or one of
 * {@value #PUNCTUATION}, and not {@code .} or {@code ..}. Generated ids (32 hex digits), {@code @ScheduledJob}'s
 * {@code beanName.methodName} and ids such as {@code tenant-42:nightly-report} fit.
 *
 * <p>The rule is checked wherever a job is built ({@code addJob}, {@link Job#builder()}, a job restored from a store),
 * so every job store and entry point agrees on it. It exists so that an id fits the JPA store's column
 * ({@value #MAX_LENGTH} characters), needs no escaping in a URL path segment (a {@code /}, {@code %}, {@code ;} or
 * {@code \} in a path is rewritten or refused by servers; {@code .} and {@code ..} are removed as path segments), and
 * prints on one line in logs and error messages.
 */
public final class JobIds {

    /** The longest id, in characters: the length of the JPA store's id column. */
    public static final int MAX_LENGTH = 191;

    /** The characters an id may hold besides ASCII letters and digits. */
    public static final String PUNCTUATION = "-_.:@~$";

    /** How much of a rejected id an error message repeats. */
    private static final int QUOTED_LENGTH = 64;

    private JobIds() {
    }

    /**
     * Tells whether an id follows the rule.
     * @param id the id
     * @return whether it does
     */
    public static boolean isValid(String id) {
        return problem(id) == null;
    }

    /**
     * Checks an id.
     * @param id the id
     * @return the id
     * @throws IllegalArgumentException naming the id (escaped and shortened) and what is wrong with it
     */
    public static String requireValid(String id) {
        String problem = problem(id);
        if (problem != null) {
            throw new IllegalArgumentException("job id " + problem + ", was '" + quote(id) + "' (ids are 1 to "
                    + MAX_LENGTH + " ASCII letters, digits and " + PUNCTUATION + ")");
        }
        return id;
    }

    private static @Nullable String problem(String id) {
        if (id.isEmpty() || id.isBlank()) {
            return "must not be blank";
        }
        if (id.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters long, not " + id.length();
        }
        if (id.equals(".") || id.equals("..")) {
            return "must not be '.' or '..'";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!allowed(c)) {
                return "must not contain " + describe(c) + " (at index " + i + ")";
            }
        }
        return null;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || PUNCTUATION.indexOf(c) >= 0;
    }

    private static String describe(char c) {
        String code = String.format("U+%04X", (int) c);
        return (c > ' ' && c < 0x7f) ? "'" + c + "' (" + code + ")" : code;
    }

    /**
     * Repeats an id in a message on one line: control characters, non-ASCII characters and lone surrogates are
     * written as {@code \\uXXXX}, and a long id is cut short.
     */
    static String quote(String id) {
        StringBuilder quoted = new StringBuilder();
        for (int i = 0; i < id.length() && i < QUOTED_LENGTH; i++) {
            char c = id.charAt(i);
            quoted.append((c >= ' ' && c < 0x7f && c != '\\') ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return (id.length() > QUOTED_LENGTH) ? quoted + "..." : quoted.toString();
    }

}
