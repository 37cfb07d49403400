package dev.apscheduler.benchmarks.scale;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

import javax.sql.DataSource;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.trigger.IntervalTrigger;
import dev.apscheduler.trigger.Triggers;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes real jobs into the {@code apscheduler_jobs} table of PostgreSQL as fast as the server takes them: each job
 * built and encoded by the scheduler's own {@link JobCodec}, as the store would write it, and sent with {@code COPY}
 * in chunks (one transaction each). The jobs run a daily {@code interval} trigger; their next run times are spread one
 * every {@code spacingMillis} from a start, and every hundredth is paused.
 */
final class JobRowCopy {

    /** The task the stored jobs name; the scheduler registers it so that every job can be restored. */
    static final String TASK = "idle";

    private static final int CHUNK = 20_000;

    private final DataSource dataSource;

    private final JobCodec codec = new JobCodec(ZoneOffset.UTC, Clock.systemUTC());

    JobRowCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes {@code count} jobs.
     * @param count how many
     * @param firstRunTime the next run time of the first job
     * @param spacingMillis the time between two jobs' next run times
     * @return how many of them are paused
     */
    long copy(int count, Instant firstRunTime, long spacingMillis) throws SQLException {
        IntervalTrigger trigger = Triggers.interval().days(1).startDate(firstRunTime.atZone(ZoneOffset.UTC)).build();
        long paused = 0;
        try (Connection connection = this.dataSource.getConnection()) {
            connection.setAutoCommit(true);
            PGConnection postgres = connection.unwrap(PGConnection.class);
            StringBuilder chunk = new StringBuilder();
            int inChunk = 0;
            for (int i = 0; i < count; i++) {
                boolean isPaused = i % 100 == 99;
                ZonedDateTime next = isPaused ? null
                        : firstRunTime.plusMillis(spacingMillis * i).atZone(ZoneOffset.UTC);
                Job job = Job.builder().id(String.format(Locale.ROOT, "idle-%07d", i))
                    .task(TaskReference.named(TASK)).trigger(trigger).nextRunTime(next).build();
                paused += isPaused ? 1 : 0;
                chunk.append(job.id()).append(',');
                if (next != null) {
                    chunk.append(Math.multiplyExact(next.toInstant().toEpochMilli(), 1000L));
                }
                chunk.append(",\"").append(this.codec.encode(job).replace("\"", "\"\"")).append("\",0\n");
                if (++inChunk == CHUNK) {
                    send(postgres, chunk);
                    inChunk = 0;
                }
            }
            if (inChunk > 0) {
                send(postgres, chunk);
            }
        }
        return paused;
    }

    private static void send(PGConnection postgres, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        chunk.setLength(0);
        CopyIn copy = postgres.getCopyAPI()
            .copyIn("COPY apscheduler_jobs (id, next_run_time, job_state, version) FROM STDIN WITH (FORMAT csv)");
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        }
        finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

}
