package com.example.sample.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apscheduler.history.RunPage;
import tools.jackson.databind.json.JsonMapper;

/**
 * A page of runs, newest first.
 *
 * @param runs the runs on this page, without stack traces
 * @param page the page number, from zero
 * @param size the page size asked for
 * @param total how many runs match in all
 * @param hasNext whether a later page has runs
 */
public record RunPageView(List<RunView> runs, int page, int size, long total,
        @JsonProperty("has_next") boolean hasNext) {

    static RunPageView of(RunPage page, JsonMapper json) {
        return new RunPageView(page.runs().stream().map((run) -> RunView.of(run, false, json)).toList(), page.page(),
                page.size(), page.total(), page.hasNext());
    }

}
