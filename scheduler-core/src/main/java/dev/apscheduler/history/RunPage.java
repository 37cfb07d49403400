package dev.apscheduler.history;

import java.util.List;

/**
 * One page of run records, newest first.
 *
 * @param runs the records on this page
 * @param page the page number, from zero
 * @param size the page size asked for
 * @param total how many records match in all
 */
public record RunPage(List<RunRecord> runs, int page, int size, long total) {

    /**
     * Creates a page with a copy of the records.
     * @param runs the records on this page
     * @param page the page number, from zero
     * @param size the page size asked for
     * @param total how many records match in all
     */
    public RunPage {
        runs = List.copyOf(runs);
    }

    /**
     * Tells whether a later page has records.
     * @return whether there is a next page
     */
    public boolean hasNext() {
        return (long) (this.page + 1) * this.size < this.total;
    }

    /**
     * Checks a page request: the one rule every store and view follows.
     * @param page the page number
     * @param size the page size
     * @throws IllegalArgumentException naming the bad value
     */
    public static void check(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    /** The largest page size a store serves. */
    public static final int MAX_SIZE = 1000;

}
