package dev.vigil.keycloak.riskengine.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.keycloak.riskengine.risk.VigilEventErrors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.keycloak.events.EventType;

/**
 * The JPQL behind {@link LoginAggregates}: per quarter hour, score bins, top countries and top networks count the
 * covering index {@code IDX_VIGIL_LE_STATS} alone; actions read the flagged rows and signals the MEDIUM and HIGH
 * ones. Portable JPQL (H2, PostgreSQL, the others Keycloak
 * supports): quarter hours by {@code floor(time / 900000.0)}, no database-specific date functions.
 */
final class LoginAggregatesQuery {

    private static final String WINDOW = " from LoginEventEntity e where e.realmId = :realm and e.time >= :from"
            + " and e.time < :to";

    private LoginAggregatesQuery() {
    }

    static LoginAggregates run(EntityManager em, String realmId, long from, long to, List<String> signalIds,
            int top) {
        Totals totals = totals(em, realmId, from, to, signalIds);
        return new LoginAggregates(buckets(em, realmId, from, to), totals.scoreBins(), totals.actions(),
                totals.signals(), countries(em, realmId, from, to, top), networks(em, realmId, from, to, top));
    }

    private static List<LoginAggregates.Bucket> buckets(EntityManager em, String realmId, long from, long to) {
        String quarter = "floor(e.time / " + LoginAggregates.QUARTER + ".0)";
        Query q = em.createQuery("select " + quarter + ", e.type, e.status, e.riskLevel, count(e),"
                + " sum(case when e.error = '" + VigilEventErrors.HIGH_RISK + "' then 1 else 0 end),"
                + " sum(case when e.error = '" + VigilEventErrors.PASSWORD_SPRAY + "' then 1 else 0 end)" + WINDOW
                + " group by " + quarter + ", e.type, e.status, e.riskLevel");
        List<LoginAggregates.Bucket> list = new ArrayList<>();
        for (Object row : window(q, realmId, from, to).getResultList()) {
            Object[] r = (Object[]) row;
            list.add(new LoginAggregates.Bucket(number(r[0]), (String) r[1], (LoginStatus) r[2], (String) r[3],
                    number(r[4]), number(r[5]), number(r[6])));
        }
        return list;
    }

    /**
     * Score bins (from the covering index), actions (flagged rows only: actions are taken on flags) and signals
     * (MEDIUM and HIGH rows only), each query reading no more rows than it counts.
     */
    static Totals totals(EntityManager em, String realmId, long from, long to, List<String> signalIds) {
        long[] bins = new long[10];
        for (Object row : window(em.createQuery("select floor(e.score * 10), count(e)" + WINDOW
                + " and e.score is not null group by floor(e.score * 10)"), realmId, from, to).getResultList()) {
            Object[] r = (Object[]) row;
            bins[(int) Math.max(0, Math.min(9, number(r[0])))] += number(r[1]);
        }
        Map<String, Long> actions = new LinkedHashMap<>();
        for (Object row : window(em.createQuery("select e.actionTaken, e.dryRun, count(e)" + WINDOW
                + " and e.status = :flagged and e.actionTaken is not null group by e.actionTaken, e.dryRun"),
                realmId, from, to).setParameter("flagged", LoginStatus.FLAGGED).getResultList()) {
            Object[] r = (Object[]) row;
            actions.merge(r[0] + (Boolean.TRUE.equals(r[1]) ? " (dry run)" : ""), number(r[2]), Long::sum);
        }
        Map<String, Long> signals = new LinkedHashMap<>();
        if (!signalIds.isEmpty()) {
            StringBuilder select = new StringBuilder("select ");
            for (int i = 0; i < signalIds.size(); i++) {
                select.append(i == 0 ? "" : ", ").append("sum(case when e.riskReasons like :s").append(i)
                        .append(" escape '!' then 1 else 0 end)");
            }
            Query q = window(em.createQuery(select + WINDOW + " and e.riskLevel in ('MEDIUM', 'HIGH')"), realmId,
                    from, to);
            for (int i = 0; i < signalIds.size(); i++) {
                q.setParameter("s" + i, "%" + likeEscaped(signalIds.get(i)) + "=%");
            }
            Object result = q.getSingleResult();
            Object[] r = result instanceof Object[] array ? array : new Object[] {result};
            for (int i = 0; i < signalIds.size(); i++) {
                signals.put(signalIds.get(i), number(r[i]));
            }
        }
        return new Totals(bins, actions, signals);
    }

    record Totals(long[] scoreBins, Map<String, Long> actions, Map<String, Long> signals) {
    }

    static List<LoginAggregates.Top> countries(EntityManager em, String realmId, long from, long to, int top) {
        Query q = window(em.createQuery("select e.country, count(e), sum(case when e.status = :flagged then 1 else 0"
                + " end)" + WINDOW + " and e.type = :login and e.country is not null group by e.country"
                + " order by count(e) desc, e.country"), realmId, from, to)
                .setParameter("flagged", LoginStatus.FLAGGED).setParameter("login", EventType.LOGIN.name())
                .setMaxResults(top);
        List<LoginAggregates.Top> list = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            list.add(new LoginAggregates.Top((String) r[0], null, number(r[1]), number(r[2])));
        }
        return list;
    }

    static List<LoginAggregates.Top> networks(EntityManager em, String realmId, long from, long to, int top) {
        Query q = window(em.createQuery("select e.asn, count(e), sum(case when e.status = :flagged then 1 else 0 end)"
                + WINDOW + " and e.type = :login and e.asn is not null group by e.asn order by count(e) desc, e.asn"),
                realmId, from, to)
                .setParameter("flagged", LoginStatus.FLAGGED).setParameter("login", EventType.LOGIN.name())
                .setMaxResults(top);
        List<LoginAggregates.Top> list = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            long asn = number(r[0]);
            list.add(new LoginAggregates.Top("AS" + asn, organisation(em, realmId, from, to, asn), number(r[1]),
                    number(r[2])));
        }
        return list;
    }

    /** The organisation of a network, from its newest row in the window (the AS's name is not in the index). */
    private static String organisation(EntityManager em, String realmId, long from, long to, long asn) {
        List<?> names = window(em.createQuery("select e.asOrganization" + WINDOW + " and e.asn = :asn"
                + " and e.asOrganization is not null order by e.time desc"), realmId, from, to)
                .setParameter("asn", asn).setMaxResults(1).getResultList();
        return names.isEmpty() ? null : (String) names.get(0);
    }

    private static Query window(Query q, String realmId, long from, long to) {
        return q.setParameter("realm", realmId).setParameter("from", from).setParameter("to", to);
    }

    /** A LIKE operand that matches the text literally ({@code !} escapes). */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_").toLowerCase(Locale.ROOT);
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
