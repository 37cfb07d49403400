package dev.apscheduler.spring.boot.jpa;

import java.util.StringJoiner;

/**
 * The parameter list of a native {@code IN (...)} clause.
 */
final class SqlPlaceholders {

    private SqlPlaceholders() {
    }

    /**
     * Returns {@code (?, ?, ...)} with one placeholder per value.
     * @param count how many values, at least one
     * @return the list, parenthesised
     */
    static String list(int count) {
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < count; i++) {
            joiner.add("?");
        }
        return joiner.toString();
    }

}
