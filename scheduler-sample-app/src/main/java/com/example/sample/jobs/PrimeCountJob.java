package com.example.sample.jobs;

import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * APScheduler's {@code processpool} executor at work: a CPU-bound count of the primes below a limit, run on the
 * {@code cpu} process pool, in a worker JVM that started this application in worker mode (no web server, no
 * scheduler), so that it neither competes with the web threads for a heap nor takes the scheduler down if it runs
 * out of memory. The worker logs here and the scheduler logs it again with the job id and run id.
 */
@Component
public class PrimeCountJob {

    static final int DEFAULT_LIMIT = 5_000_000;

    private static final Logger logger = LoggerFactory.getLogger(PrimeCountJob.class);

    /**
     * Counts the primes below five million every ten minutes. Also the task {@code count-primes}, for counts added over
     * REST with another limit ({@code "args": [20000000]}).
     * @return how many primes there are below the limit
     */
    @ScheduledJob(id = "prime-count", minutes = "10", executor = "cpu", jobstore = "memory", maxInstances = "1")
    public int scheduledCount() {
        return countPrimes(DEFAULT_LIMIT);
    }

    /**
     * Counts the primes below a limit with a sieve.
     * @param limit the limit, at least 2
     * @return how many primes there are below it
     */
    @JobTask("count-primes")
    public int countPrimes(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be >= 2, was " + limit);
        }
        boolean[] composite = new boolean[limit];
        int count = 0;
        for (int i = 2; i < limit; i++) {
            if (!composite[i]) {
                count++;
                for (long j = (long) i * i; j < limit; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        logger.info("{} primes below {} (process {})", count, limit, ProcessHandle.current().pid());
        return count;
    }

}
