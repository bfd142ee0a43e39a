package dev.vigil.keycloak.riskengine.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The last settings parsed from each realm's attributes, kept with the attribute values they were parsed from: a
 * login reads a realm's settings several times (assessment, spray guard, scoring), and parsing them (numbers, zone,
 * lists) cost more than the rest of the lookup. The attributes are read every time, so a changed attribute — from
 * this node's admin REST or another node's — is parsed again at the next read; nothing is ever stale. The parsed
 * value must be immutable.
 *
 * @param <T> the parsed settings
 */
public final class ParsedSettings<T> {

    /** more realms than this on one node: the cache starts again (a few entries each, but realms come and go) */
    private static final int MAX_REALMS = 4096;

    private record Entry<T>(Map<String, String> raw, T parsed) {
    }

    private final Map<String, Entry<T>> byRealm = new ConcurrentHashMap<>();
    private final Function<Map<String, String>, T> parse;

    public ParsedSettings(Function<Map<String, String>, T> parse) {
        this.parse = parse;
    }

    /** The settings parsed from {@code raw}, the realm's attributes as {@link SettingValues#attributes} reads them. */
    public T get(String realmId, Map<String, String> raw) {
        if (realmId == null) {
            return parse.apply(raw);
        }
        Entry<T> e = byRealm.get(realmId);
        if (e != null && e.raw().equals(raw)) {
            return e.parsed();
        }
        T parsed = parse.apply(raw);
        if (byRealm.size() >= MAX_REALMS) {
            byRealm.clear();
        }
        byRealm.put(realmId, new Entry<>(Map.copyOf(raw), parsed));
        return parsed;
    }
}
