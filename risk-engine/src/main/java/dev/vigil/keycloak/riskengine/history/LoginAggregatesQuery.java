package dev.vigil.keycloak.riskengine.history;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.vigil.keycloak.riskengine.risk.RiskSignal;
import dev.vigil.keycloak.riskengine.risk.VigilEventErrors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.keycloak.events.EventType;

/**
 * The JPQL that counts a realm's rows in [from, to) into {@link LoginCounts}: the six series figures per quarter
 * hour, and per hour the score bins, actions, signals, countries and networks. Quarter hours, score bins, countries
 * and networks count the covering index {@code IDX_VIGIL_LE_STATS} alone; actions read the flagged rows and signals
 * the MEDIUM and HIGH ones. Portable JPQL (H2, PostgreSQL, the others Keycloak supports): periods by
 * {@code floor(time / length)}, no database-specific date functions. Used for the hours the roll-up does not hold
 * yet and, by the roll-up task, to fill it.
 */
final class LoginAggregatesQuery {

    private static final String WINDOW = " from LoginEventEntity e where e.realmId = :realm and e.time >= :from"
            + " and e.time < :to";
    private static final String HOUR = "floor(e.time / " + LoginRollup.HOUR + ".0)";
    private static final String QUARTER = "floor(e.time / " + LoginAggregates.QUARTER + ".0)";
    /** the in-flow signals the dashboard counts */
    static final List<String> SIGNALS = Arrays.stream(RiskSignal.values()).map(RiskSignal::id).toList();

    /** a window up to this long is read by time; a longer one along the level index (see {@link #signals}) */
    static final long SHORT_WINDOW = 2 * LoginRollup.HOUR;

    private LoginAggregatesQuery() {
    }

    static LoginCounts count(EntityManager em, String realmId, long from, long to) {
        LoginCounts counts = new LoginCounts();
        if (from >= to) {
            return counts;
        }
        quarters(em, realmId, from, to, counts);
        scoreBins(em, realmId, from, to, counts);
        actions(em, realmId, from, to, counts);
        signals(em, realmId, from, to, counts);
        places(em, realmId, from, to, counts);
        return counts;
    }

    private static void quarters(EntityManager em, String realmId, long from, long to, LoginCounts counts) {
        Query q = em.createQuery("select " + QUARTER + ","
                + " sum(case when e.type = :login then 1 else 0 end),"
                + " sum(case when e.type = :error then 1 else 0 end),"
                + " sum(case when e.status = :flagged then 1 else 0 end),"
                + " sum(case when e.riskLevel = 'MEDIUM' then 1 else 0 end),"
                + " sum(case when e.error = '" + VigilEventErrors.HIGH_RISK + "' then 1 else 0 end),"
                + " sum(case when e.error = '" + VigilEventErrors.PASSWORD_SPRAY + "' then 1 else 0 end)" + WINDOW
                + " group by " + QUARTER)
                .setParameter("login", EventType.LOGIN.name()).setParameter("error", EventType.LOGIN_ERROR.name())
                .setParameter("flagged", LoginStatus.FLAGGED);
        for (Object row : window(q, realmId, from, to).getResultList()) {
            Object[] r = (Object[]) row;
            long[] f = new long[LoginCounts.FIGURES];
            for (int i = 0; i < LoginCounts.FIGURES; i++) {
                f[i] = number(r[i + 1]);
            }
            counts.addQuarter(number(r[0]), f);
        }
    }

    private static void scoreBins(EntityManager em, String realmId, long from, long to, LoginCounts counts) {
        Query q = em.createQuery("select " + HOUR + ", floor(e.score * 10), count(e)" + WINDOW
                + " and e.score is not null group by " + HOUR + ", floor(e.score * 10)");
        for (Object row : window(q, realmId, from, to).getResultList()) {
            Object[] r = (Object[]) row;
            long bin = Math.max(0, Math.min(9, number(r[1])));
            counts.tallies.add(new LoginCounts.Tally(number(r[0]), LoginCounts.Dim.SCORE, Long.toString(bin), null,
                    number(r[2]), 0));
        }
    }

    /** Actions are taken on flagged rows only. */
    private static void actions(EntityManager em, String realmId, long from, long to, LoginCounts counts) {
        Query q = em.createQuery("select " + HOUR + ", e.actionTaken, e.dryRun, count(e)" + WINDOW
                + " and e.status = :flagged and e.actionTaken is not null group by " + HOUR + ", e.actionTaken,"
                + " e.dryRun").setParameter("flagged", LoginStatus.FLAGGED);
        for (Object row : window(q, realmId, from, to).getResultList()) {
            Object[] r = (Object[]) row;
            counts.tallies.add(new LoginCounts.Tally(number(r[0]), LoginCounts.Dim.ACTION,
                    r[1] + (Boolean.TRUE.equals(r[2]) ? " (dry run)" : ""), null, number(r[3]), 0));
        }
    }

    /**
     * How many MEDIUM or HIGH rows had each signal among their in-flow reasons. A short window (the dashboard's last
     * hour or so) is read by time, one query per level; a long one (the roll-up's batches of hours) one (level,
     * status) at a time, each a range of the (realm, level, status, time) index, so that only its MEDIUM and HIGH rows
     * are read (by time, H2 read a week's 40,000 rows for 2,700 of them; with "level in (…)" H2 reads the realm's
     * whole index).
     */
    private static void signals(EntityManager em, String realmId, long from, long to, LoginCounts counts) {
        StringBuilder select = new StringBuilder("select " + HOUR);
        for (int i = 0; i < SIGNALS.size(); i++) {
            select.append(", sum(case when e.riskReasons like :s").append(i).append(" escape '!' then 1 else 0 end)");
        }
        // hour → per-signal counts of both levels: one tally per hour and signal (the roll-up's key)
        java.util.TreeMap<Long, long[]> perHour = new java.util.TreeMap<>();
        // null: any status
        List<LoginStatus> statuses = to - from > SHORT_WINDOW ? List.of(LoginStatus.values())
                : java.util.Collections.singletonList(null);
        for (String level : List.of("MEDIUM", "HIGH")) {
            for (LoginStatus status : statuses) {
                Query q = window(em.createQuery(select + WINDOW + " and e.riskLevel = :level"
                        + (status == null ? "" : " and e.status = :status") + " group by " + HOUR), realmId, from, to)
                        .setParameter("level", level);
                if (status != null) {
                    q.setParameter("status", status);
                }
                for (int i = 0; i < SIGNALS.size(); i++) {
                    q.setParameter("s" + i, "%" + likeEscaped(SIGNALS.get(i)) + "=%");
                }
                for (Object row : q.getResultList()) {
                    Object[] r = (Object[]) row;
                    long[] sums = perHour.computeIfAbsent(number(r[0]), h -> new long[SIGNALS.size()]);
                    for (int i = 0; i < SIGNALS.size(); i++) {
                        sums[i] += number(r[i + 1]);
                    }
                }
            }
        }
        perHour.forEach((hour, sums) -> {
            for (int i = 0; i < SIGNALS.size(); i++) {
                if (sums[i] > 0) {
                    counts.tallies.add(new LoginCounts.Tally(hour, LoginCounts.Dim.SIGNAL, SIGNALS.get(i), null,
                            sums[i], 0));
                }
            }
        });
    }

    /** Countries and networks of successful logins, with how many of them were flagged. */
    private static void places(EntityManager em, String realmId, long from, long to, LoginCounts counts) {
        Query countries = em.createQuery("select " + HOUR + ", e.country, count(e),"
                + " sum(case when e.status = :flagged then 1 else 0 end)" + WINDOW
                + " and e.type = :login and e.country is not null group by " + HOUR + ", e.country");
        for (Object row : login(window(countries, realmId, from, to)).getResultList()) {
            Object[] r = (Object[]) row;
            counts.tallies.add(new LoginCounts.Tally(number(r[0]), LoginCounts.Dim.COUNTRY, (String) r[1], null,
                    number(r[2]), number(r[3])));
        }
        // the organisation's name is not in the covering index: this query reads the rows (an hour's worth for
        // the live part of a dashboard window, a batch of hours in the roll-up task)
        Query networks = em.createQuery("select " + HOUR + ", e.asn, count(e),"
                + " sum(case when e.status = :flagged then 1 else 0 end), max(e.asOrganization)" + WINDOW
                + " and e.type = :login and e.asn is not null group by " + HOUR + ", e.asn");
        for (Object row : login(window(networks, realmId, from, to)).getResultList()) {
            Object[] r = (Object[]) row;
            counts.tallies.add(new LoginCounts.Tally(number(r[0]), LoginCounts.Dim.ASN, Long.toString(number(r[1])),
                    (String) r[4], number(r[2]), number(r[3])));
        }
    }

    private static Query login(Query q) {
        return q.setParameter("flagged", LoginStatus.FLAGGED).setParameter("login", EventType.LOGIN.name());
    }

    private static Query window(Query q, String realmId, long from, long to) {
        return q.setParameter("realm", realmId).setParameter("from", from).setParameter("to", to);
    }

    /** A LIKE operand that matches the text literally ({@code !} escapes). */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_").toLowerCase(Locale.ROOT);
    }

    static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
