package dev.vigil.keycloak.riskengine.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The dashboard's counts kept per quarter hour ({@code VIGIL_ROLLUP_QUARTER}: the series) and per hour and UTC day
 * ({@code VIGIL_ROLLUP_TALLY}: score bins, actions, signals, countries, networks), so that a 30-day window on a realm
 * with a million rows reads a few thousand rolled-up rows instead of the million (how far: {@code VIGIL_ROLLUP_MARK}).
 *
 * <ul>
 *   <li><b>Reading</b> ({@link #aggregates}): the whole hours of a window before the mark come from the roll-up, the
 *   rest (the part-hour at its start, the hours since the mark) from the rows, and the two are added up. A node
 *   keeps the rolled-up part it read last per realm and reads it again when the window's whole hours or the mark's
 *   version (moved by every change of the rolled-up rows, on any node) differ.</li>
 *   <li><b>Rolling forward</b> ({@link #rollForward}, the roll-up task): hours that ended at least {@link #SETTLE}
 *   ago and hold no login still waiting for scoring (one waiting for longer than {@link #SCORING_WAIT} no longer
 *   holds it back), a batch of hours per transaction, the mark moved by compare-and-set.</li>
 *   <li><b>Counting again</b>: deleting a user's rows or cutting retention through an hour marks the hours dirty
 *   ({@link #markDirty}); the task counts them again ({@link #recountDirty}), so the roll-up follows deletions
 *   within one task interval. Rows imported into the past ({@link #forgetFrom}) move the mark back.</li>
 * </ul>
 * What is not followed: a login scored after {@link #SCORING_WAIT} keeps the status it had when its hour was rolled
 * up (the recovery task gives up on such logins long before).
 */
public final class LoginRollup {

    /** Hour length, ms. */
    public static final long HOUR = 3_600_000L;
    /** Day length, ms (UTC days: the tallies of whole days are kept besides those of hours). */
    static final long DAY = 24 * HOUR;
    /** an hour is rolled up once it ended this long ago (rows are recorded and scored within seconds) */
    static final long SETTLE = 10 * 60_000L;
    /** how long a login waiting for scoring holds its hour back */
    static final long SCORING_WAIT = 24 * HOUR;
    /** hours rolled up per transaction */
    static final int BATCH_HOURS = 168;
    private static final long QUARTERS_PER_HOUR = HOUR / LoginAggregates.QUARTER;

    private LoginRollup() {
    }

    static long floorHour(long t) {
        return Math.floorDiv(t, HOUR) * HOUR;
    }

    static long ceilHour(long t) {
        return -Math.floorDiv(-t, HOUR) * HOUR;
    }

    /** Where the realm's roll-up ends (epoch ms), or null when it has none. */
    static Long rolledTo(EntityManager em, String realmId) {
        long[] mark = mark(em, realmId);
        return mark == null ? null : mark[0];
    }

    /** The realm's mark: {rolled to (epoch ms), version}, or null when it has none. */
    private static long[] mark(EntityManager em, String realmId) {
        List<Object[]> marks = em.createQuery("select m.rolledTo, m.version from RollupMarkEntity m"
                + " where m.realmId = :realm", Object[].class).setParameter("realm", realmId).getResultList();
        return marks.isEmpty() ? null
                : new long[] {((Number) marks.get(0)[0]).longValue(), ((Number) marks.get(0)[1]).longValue()};
    }

    /**
     * What this node read last of each realm's roll-up ({@link #aggregates}): the dashboard asks for the same 30 days
     * on every refresh, and its rolled-up part changes only when the realm's mark moves or its version does.
     */
    private static final Map<String, Read> READS = new ConcurrentHashMap<>();
    /** realms whose last read this node keeps (a realm's read is a few thousand rows) */
    static final int READS_KEPT = 64;

    private record Read(long start, long end, long version, LoginCounts counts) {
    }

    /** The dashboard's figures of [from, to), {@code top} countries and networks. */
    static LoginAggregates aggregates(EntityManager em, String realmId, long from, long to, int top) {
        long[] mark = mark(em, realmId);
        long start = ceilHour(from);
        long end = mark == null ? start : Math.min(floorHour(to), mark[0]);
        if (end <= start) {
            return LoginAggregatesQuery.count(em, realmId, from, to).toAggregates(top, 0);
        }
        Read read = READS.get(realmId);
        if (read == null || read.start() != start || read.end() != end || read.version() != mark[1]) {
            read = new Read(start, end, mark[1], read(em, realmId, start, end));
            if (READS.size() >= READS_KEPT) {
                READS.clear();
            }
            READS.put(realmId, read);
        }
        // add() sums into its receiver only: the kept read is never changed
        return LoginAggregatesQuery.count(em, realmId, from, start)
                .add(read.counts())
                .add(LoginAggregatesQuery.count(em, realmId, end, to))
                .toAggregates(top, end);
    }

    /** The realm's rolled-up rows changed (counted again, cut, forgotten): what a node keeps of them is old. */
    private static void changed(EntityManager em, String realmId) {
        em.createQuery("update RollupMarkEntity m set m.version = m.version + 1 where m.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }

    /** The rolled-up counts of the whole hours [start, end), tallies summed over the hours. */
    static LoginCounts read(EntityManager em, String realmId, long start, long end) {
        LoginCounts counts = new LoginCounts();
        em.createQuery("select q.period, q.logins, q.failures, q.flagged, q.steppedUp, q.denied, q.sprayBlocked"
                        + " from RollupQuarterEntity q where q.realmId = :realm and q.period >= :from and q.period < :to",
                        Object[].class)
                .setParameter("realm", realmId).setParameter("from", start / LoginAggregates.QUARTER)
                .setParameter("to", end / LoginAggregates.QUARTER).getResultStream()
                .forEach(r -> {
                    long[] f = new long[LoginCounts.FIGURES];
                    for (int i = 0; i < LoginCounts.FIGURES; i++) {
                        f[i] = LoginAggregatesQuery.number(r[i + 1]);
                    }
                    counts.addQuarter(LoginAggregatesQuery.number(r[0]), f);
                });
        long firstDay = Math.floorDiv(start + DAY - 1, DAY);
        long endDay = Math.floorDiv(end, DAY);
        if (firstDay < endDay) { // whole days from their day rows, the hours around them from hour rows
            tallies(em, realmId, "H", start / HOUR, firstDay * 24, counts);
            tallies(em, realmId, "D", firstDay, endDay, counts);
            tallies(em, realmId, "H", endDay * 24, end / HOUR, counts);
        } else {
            tallies(em, realmId, "H", start / HOUR, end / HOUR, counts);
        }
        return counts;
    }

    /** Adds the tallies of the realm's periods [from, to) of a grain, summed over the periods. */
    private static void tallies(EntityManager em, String realmId, String grain, long from, long to,
            LoginCounts counts) {
        if (from >= to) {
            return;
        }
        em.createQuery("select t.dim, t.dimKey, sum(t.total), sum(t.flagged), max(t.label) from RollupTallyEntity t"
                        + " where t.realmId = :realm and t.grain = :grain and t.period >= :from and t.period < :to"
                        + " group by t.dim, t.dimKey", Object[].class)
                .setParameter("realm", realmId).setParameter("grain", grain).setParameter("from", from)
                .setParameter("to", to).getResultStream()
                .forEach(r -> counts.tallies.add(new LoginCounts.Tally(-1, LoginCounts.Dim.valueOf((String) r[0]),
                        (String) r[1], (String) r[4], LoginAggregatesQuery.number(r[2]),
                        LoginAggregatesQuery.number(r[3]))));
    }

    /**
     * Rolls up the realm's next batch of settled hours in the caller's transaction; how many hours (0: caught up, or
     * another node moved the mark first).
     */
    static int rollForward(EntityManager em, String realmId, long now) {
        Long mark = rolledTo(em, realmId);
        long start;
        if (mark == null) {
            List<Long> oldest = em.createQuery("select min(e.time) from LoginEventEntity e where e.realmId = :realm",
                    Long.class).setParameter("realm", realmId).getResultList();
            if (oldest.isEmpty() || oldest.get(0) == null) {
                return 0;
            }
            start = floorHour(oldest.get(0));
            em.persist(new RollupMarkEntity(realmId, start)); // a second node's insert fails on the key: rolled back
            em.flush();
        } else {
            start = mark;
        }
        long limit = floorHour(now - SETTLE);
        Long waiting = em.createQuery("select min(e.time) from LoginEventEntity e where e.realmId = :realm"
                        + " and e.time >= :from and e.status = :new", Long.class)
                .setParameter("realm", realmId).setParameter("from", start).setParameter("new", LoginStatus.NEW)
                .getSingleResult();
        if (waiting != null && waiting >= now - SCORING_WAIT) {
            limit = Math.min(limit, floorHour(waiting));
        }
        long end = Math.min(limit, start + BATCH_HOURS * HOUR);
        if (end <= start) {
            return 0;
        }
        int moved = em.createQuery("update RollupMarkEntity m set m.rolledTo = :end, m.version = m.version + 1"
                        + " where m.realmId = :realm and m.rolledTo = :start")
                .setParameter("end", end).setParameter("realm", realmId).setParameter("start", start).executeUpdate();
        if (moved != 1) {
            return 0;
        }
        store(em, realmId, LoginAggregatesQuery.count(em, realmId, start, end));
        rebuildDays(em, realmId, start, end, end);
        return (int) ((end - start) / HOUR);
    }

    /**
     * Counts again up to {@code hours} dirty hours of the realm (contiguous ones in one query each) in the caller's
     * transaction; how many.
     */
    static int recountDirty(EntityManager em, String realmId, int hours) {
        List<Long> dirty = em.createQuery("select distinct d.period from RollupDirtyEntity d where d.realmId = :realm"
                        + " order by d.period", Long.class)
                .setParameter("realm", realmId).setMaxResults(hours).getResultList();
        if (dirty.isEmpty()) {
            return 0;
        }
        Long mark = rolledTo(em, realmId);
        List<long[]> runs = new ArrayList<>();
        for (long h : dirty) {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] == h) {
                last[1] = h + 1;
            } else {
                runs.add(new long[] {h, h + 1});
            }
        }
        for (long[] run : runs) {
            long start = run[0] * HOUR;
            long end = mark == null ? start : Math.min(run[1] * HOUR, mark);
            if (end > start) {
                delete(em, realmId, start, end);
                store(em, realmId, LoginAggregatesQuery.count(em, realmId, start, end));
                rebuildDays(em, realmId, start, end, mark);
            }
        }
        changed(em, realmId);
        em.createQuery("delete from RollupDirtyEntity d where d.realmId = :realm and d.period in :hours")
                .setParameter("realm", realmId).setParameter("hours", dirty).executeUpdate();
        return dirty.size();
    }

    /** Marks those of the hours (hour numbers) that are rolled up as needing a new count. */
    static void markDirty(EntityManager em, String realmId, Collection<Long> hours) {
        Long mark = rolledTo(em, realmId);
        if (mark == null) {
            return;
        }
        for (long h : new TreeSet<>(hours)) {
            if (h * HOUR < mark) {
                em.persist(new RollupDirtyEntity(KeycloakModelUtils.generateId(), realmId, h));
            }
        }
    }

    /** Retention deleted the realm's rows before {@code before}: the roll-up forgets those hours too. */
    static void retentionCut(EntityManager em, String realmId, long before) {
        long whole = floorHour(before);
        em.createQuery("delete from RollupQuarterEntity q where q.realmId = :realm and q.period < :to")
                .setParameter("realm", realmId).setParameter("to", whole / LoginAggregates.QUARTER).executeUpdate();
        em.createQuery("delete from RollupTallyEntity t where t.realmId = :realm and ((t.grain = 'H' and t.period < :hour)"
                        + " or (t.grain = 'D' and t.period < :day))")
                .setParameter("realm", realmId).setParameter("hour", whole / HOUR)
                .setParameter("day", Math.floorDiv(before, DAY)).executeUpdate();
        changed(em, realmId);
        if (whole < before) {
            markDirty(em, realmId, List.of(whole / HOUR));
        }
    }

    /** Rows were added before {@code time}: the roll-up is counted again from that hour on. */
    static void forgetFrom(EntityManager em, String realmId, long time) {
        long from = floorHour(time);
        int moved = em.createQuery("update RollupMarkEntity m set m.rolledTo = :from, m.version = m.version + 1"
                        + " where m.realmId = :realm and m.rolledTo > :from")
                .setParameter("from", from).setParameter("realm", realmId).executeUpdate();
        if (moved > 0) {
            delete(em, realmId, from, Long.MAX_VALUE / 2);
        }
    }

    /** The realm was removed. */
    static void deleteRealm(EntityManager em, String realmId) {
        READS.remove(realmId);
        for (String entity : List.of("RollupQuarterEntity", "RollupTallyEntity", "RollupMarkEntity",
                "RollupDirtyEntity")) {
            em.createQuery("delete from " + entity + " x where x.realmId = :realm").setParameter("realm", realmId)
                    .executeUpdate();
        }
    }

    private static void delete(EntityManager em, String realmId, long start, long end) {
        em.createQuery("delete from RollupQuarterEntity q where q.realmId = :realm and q.period >= :from"
                        + " and q.period < :to")
                .setParameter("realm", realmId).setParameter("from", start / LoginAggregates.QUARTER)
                .setParameter("to", end / LoginAggregates.QUARTER).executeUpdate();
        em.createQuery("delete from RollupTallyEntity t where t.realmId = :realm and ((t.grain = 'H'"
                        + " and t.period >= :fromHour and t.period < :toHour) or (t.grain = 'D' and t.period >= :fromDay"
                        + " and t.period < :toDay))")
                .setParameter("realm", realmId).setParameter("fromHour", start / HOUR).setParameter("toHour", end / HOUR)
                .setParameter("fromDay", Math.floorDiv(start, DAY)).setParameter("toDay", Math.floorDiv(end + DAY - 1, DAY))
                .executeUpdate();
    }

    /**
     * Writes the day rows of the UTC days that overlap [start, end) and are wholly rolled up (they end by
     * {@code mark}): each the sum of its hour rows.
     */
    private static void rebuildDays(EntityManager em, String realmId, long start, long end, long mark) {
        for (long day = Math.floorDiv(start, DAY); day < Math.floorDiv(end + DAY - 1, DAY); day++) {
            if ((day + 1) * DAY > mark) {
                continue;
            }
            em.createQuery("delete from RollupTallyEntity t where t.realmId = :realm and t.grain = 'D'"
                    + " and t.period = :day").setParameter("realm", realmId).setParameter("day", day).executeUpdate();
            LoginCounts sum = new LoginCounts();
            tallies(em, realmId, "H", day * 24, day * 24 + 24, sum);
            for (LoginCounts.Tally t : sum.tallies) {
                em.persist(new RollupTallyEntity(realmId, "D", day, t));
            }
            em.flush();
            em.clear();
        }
    }

    private static void store(EntityManager em, String realmId, LoginCounts counts) {
        int n = 0;
        for (var q : counts.quarters.entrySet()) {
            em.persist(new RollupQuarterEntity(realmId, q.getKey(), q.getValue()));
            n = flushEvery(em, n);
        }
        for (LoginCounts.Tally t : counts.tallies) {
            em.persist(new RollupTallyEntity(realmId, "H", t.hour(), t));
            n = flushEvery(em, n);
        }
        em.flush();
        em.clear();
    }

    private static int flushEvery(EntityManager em, int n) {
        if (++n % 500 == 0) {
            em.flush();
            em.clear();
        }
        return n;
    }
}
