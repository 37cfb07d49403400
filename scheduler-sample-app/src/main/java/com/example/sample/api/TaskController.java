package com.example.sample.api;

import java.util.SortedSet;

import dev.apscheduler.Scheduler;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the registered tasks that jobs can be added for.
 */
@RestController
class TaskController {

    private final Scheduler scheduler;

    TaskController(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @GetMapping(path = "/api/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    SortedSet<String> tasks() {
        return this.scheduler.taskRegistry().names();
    }

}
