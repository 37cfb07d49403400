package com.example.sample.api;

import java.util.SortedSet;

import dev.apscheduler.Scheduler;
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

    @GetMapping("/api/tasks")
    SortedSet<String> tasks() {
        return this.scheduler.taskRegistry().names();
    }

}
