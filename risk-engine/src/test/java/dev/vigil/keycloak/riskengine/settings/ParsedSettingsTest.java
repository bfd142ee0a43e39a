package dev.vigil.keycloak.riskengine.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ParsedSettingsTest {

    @Test
    void parsesOncePerRealmUntilAnAttributeChanges() {
        AtomicInteger parsed = new AtomicInteger();
        ParsedSettings<String> cache = new ParsedSettings<>(raw -> {
            parsed.incrementAndGet();
            return raw.getOrDefault("timeZone", "UTC");
        });
        Map<String, String> attributes = new HashMap<>(Map.of("timeZone", "Europe/Paris"));

        assertThat(cache.get("r1", attributes)).isEqualTo("Europe/Paris");
        assertThat(cache.get("r1", Map.copyOf(attributes))).isEqualTo("Europe/Paris");
        assertThat(parsed).hasValue(1);

        attributes.put("timeZone", "Asia/Tokyo"); // an admin saved the realm's settings (here or on another node)
        assertThat(cache.get("r1", attributes)).isEqualTo("Asia/Tokyo");
        attributes.remove("timeZone");
        assertThat(cache.get("r1", attributes)).isEqualTo("UTC");
        assertThat(cache.get("r2", Map.of("timeZone", "Asia/Tokyo"))).isEqualTo("Asia/Tokyo");
        assertThat(parsed).hasValue(4);
    }

    @Test
    void aRealmWithoutIdIsParsedEveryTime() {
        AtomicInteger parsed = new AtomicInteger();
        ParsedSettings<Integer> cache = new ParsedSettings<>(raw -> parsed.incrementAndGet());
        cache.get(null, Map.of());
        cache.get(null, Map.of());
        assertThat(parsed).hasValue(2);
    }
}
