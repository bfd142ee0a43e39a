package dev.vigil.keycloak.riskengine.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.keycloak.riskengine.model.Reason;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

class ReasonsCodecTest {

    static final List<Reason> REASONS = List.of(
            new Reason("new_device", 1.0, 0.02, 0.0, 12.5),
            new Reason("hour_of_day", 3.2, 11.75, null, 4.12),
            new Reason("logins_today", 1.0E7, -0.01, 123456.78, 2.0),
            new Reason("odd \"name\"\\\n\t\u0001\u001f", 0.0, 0.0, 0.5, 0.0));

    @Test
    void writesWhatKeycloaksJsonSerializationWrites() throws Exception {
        for (int n = 0; n <= REASONS.size(); n++) {
            List<Reason> reasons = REASONS.subList(0, n);
            assertThat(ReasonsCodec.encode(reasons)).isEqualTo(JsonSerialization.writeValueAsString(reasons));
            assertThat(ReasonsCodec.decode(ReasonsCodec.encode(reasons))).isEqualTo(reasons);
        }
    }

    @Test
    void keepsTheLongestPrefixThatFitsTheColumn() throws Exception {
        List<Reason> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new Reason("feature_" + i, i, i / 3.0, i % 2 == 0 ? null : (double) i, i * 1.5));
        }
        ReasonsCodec.Encoded encoded = ReasonsCodec.encodeKept(many);
        assertThat(encoded.json().length()).isLessThanOrEqualTo(ReasonsCodec.MAX_LENGTH);
        assertThat(encoded.count()).isLessThan(many.size()).isPositive();
        List<Reason> kept = many.subList(0, encoded.count());
        assertThat(encoded.json()).isEqualTo(JsonSerialization.writeValueAsString(kept));
        String oneMore = JsonSerialization.writeValueAsString(many.subList(0, encoded.count() + 1));
        assertThat(oneMore.length()).isGreaterThan(ReasonsCodec.MAX_LENGTH);
    }
}
