package dev.apscheduler.spring.boot.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobSlice;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * Runs a {@link JobQuery} in the database: the filters as a WHERE clause, the order by {@code next_run_time} (which
 * the index on {@code (next_run_time, id)} serves in ascending order), the window as LIMIT/OFFSET, and one COUNT of
 * the matches, so that a page of 100,000 jobs restores only the jobs it shows. Ties in next run time are ordered by
 * id in the database's collation. The count never reads the jobs either: the matching rows less the matching rows
 * marked as unrestorable, each answered from an index where the filters allow it.
 */
final class JobQueries {

    private static final String ENTITY = ApschedulerJobEntity.ENTITY_NAME;

    private JobQueries() {
    }

    static JobSlice find(EntityManager entityManager, JobRows rows, JobQuery query) {
        if (query.ids() != null && query.ids().isEmpty()) {
            return new JobSlice(List.of(), 0);
        }
        Map<String, Object> parameters = new TreeMap<>();
        String filters = filters(query, parameters);
        String order = "e.nextRunTime " + (query.descending() ? "DESC" : "ASC") + " NULLS LAST, e.id";
        TypedQuery<Object[]> page = entityManager
            .createQuery("SELECT e.id, e.jobState FROM " + ENTITY + " e WHERE e.restoreError IS NULL" + filters
                    + " ORDER BY " + order, Object[].class)
            .setFirstResult(query.offset())
            .setMaxResults(query.limit());
        TypedQuery<Long> matching = entityManager
            .createQuery("SELECT COUNT(e) FROM " + ENTITY + " e"
                    + (filters.isEmpty() ? "" : " WHERE" + filters.substring(" AND".length())), Long.class);
        TypedQuery<Long> unrestorable = entityManager
            .createQuery("SELECT COUNT(e) FROM " + ENTITY + " e WHERE e.restoreError IS NOT NULL" + filters,
                    Long.class);
        parameters.forEach((name, value) -> {
            page.setParameter(name, value);
            matching.setParameter(name, value);
            unrestorable.setParameter(name, value);
        });
        List<Object[]> found = page.getResultList();
        List<Job> jobs = new ArrayList<>(found.size());
        for (Object[] row : found) {
            try {
                jobs.add(rows.decode((String) row[0], JobRows.text(row[1])));
            }
            catch (JobRestoreException ex) {
                // marked by the next listing or acquire step; a page shows the jobs it can restore
                rows.report(ex);
            }
        }
        long total = Math.max(matching.getSingleResult() - unrestorable.getSingleResult(), jobs.size());
        return new JobSlice(jobs, total);
    }

    /**
     * Returns the query's filters as conditions to append to a WHERE clause, each starting with {@code AND}.
     */
    private static String filters(JobQuery query, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder();
        if (query.paused() != null) {
            where.append(query.paused() ? " AND e.nextRunTime IS NULL" : " AND e.nextRunTime IS NOT NULL");
        }
        if (query.idContains() != null) {
            where.append(" AND LOWER(e.id) LIKE :text ESCAPE '!'");
            parameters.put("text", "%" + escape(query.idContains().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.ids() != null) {
            where.append(" AND e.id IN :ids");
            parameters.put("ids", List.copyOf(query.ids()));
        }
        return where.toString();
    }

    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

}
