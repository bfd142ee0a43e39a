package dev.vigil.keycloak.riskengine.keystroke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeystrokeSampleTest {

    static final String GOOD = "{\"v\":1,\"h\":[92.4,88,101.3,85.2],\"dd\":[383.1,250.6,402],\"ud\":[290.7,162.6,300.7]}";

    @Test
    void parsesTheWireFormat() {
        KeystrokeSample s = KeystrokeSample.parse(GOOD).orElseThrow();
        assertThat(s.keyCount()).isEqualTo(4);
        assertThat(s.hold()).containsExactly(92.4, 88.0, 101.3, 85.2);
        assertThat(s.downDown()).containsExactly(383.1, 250.6, 402.0);
        assertThat(s.upDown()).containsExactly(290.7, 162.6, 300.7);
        assertThat(s.kinds()).isEqualTo(KeystrokeSample.ALL_KINDS);
    }

    @Test
    void upDownIsOptionalAndDerived() {
        KeystrokeSample s = KeystrokeSample.parse(" { \"dd\" : [383.1,250.6,402] , \"v\":1, \"h\":[92.4,88,101.3,85.2] } ")
                .orElseThrow();
        assertThat(s.upDown()).containsExactly(new double[] {290.7, 162.6, 300.7}, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void overlappingKeysGiveNegativeUpDown() {
        KeystrokeSample s = KeystrokeSample.parse("{\"v\":1,\"h\":[120,90,95,80],\"dd\":[60,150,140],\"ud\":[-60,60,45]}")
                .orElseThrow();
        assertThat(s.upDown()[0]).isEqualTo(-60.0);
    }

    @Test
    void roundsToOneDecimalAndRoundTrips() {
        KeystrokeSample s = KeystrokeSample.parse("{\"v\":1,\"h\":[92.44,88.06,1.013e2,85.2],\"dd\":[383.1,250.6,402]}")
                .orElseThrow();
        assertThat(s.hold()).containsExactly(92.4, 88.1, 101.3, 85.2);
        assertThat(KeystrokeSample.parse(s.toJson())).contains(s);
        assertThat(KeystrokeSample.parse(GOOD).orElseThrow().toJson()).isEqualTo(
                "{\"v\":1,\"h\":[92.4,88,101.3,85.2],\"dd\":[383.1,250.6,402],\"ud\":[290.7,162.6,300.7]}");
    }

    @Test
    void acceptsSixtyFourKeys() {
        StringBuilder h = new StringBuilder();
        StringBuilder dd = new StringBuilder();
        for (int k = 0; k < 64; k++) {
            h.append(k > 0 ? "," : "").append(80 + k);
            if (k < 63) {
                dd.append(k > 0 ? "," : "").append(200 + k);
            }
        }
        assertThat(KeystrokeSample.parse("{\"v\":1,\"h\":[" + h + "],\"dd\":[" + dd + "]}")).isPresent();
        assertThat(KeystrokeSample.parse("{\"v\":1,\"h\":[" + h + ",90],\"dd\":[" + dd + ",300]}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "null",
        "[]",
        "{}",
        "42",
        "\"text\"",
        "not json",
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,250,402]",                       // unterminated
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,250,402]} x",                    // trailing
        "{\"v\":2,\"h\":[92,88,101,85],\"dd\":[383,250,402]}",                      // version
        "{\"h\":[92,88,101,85],\"dd\":[383,250,402]}",                              // no version
        "{\"v\":\"1\",\"h\":[92,88,101,85],\"dd\":[383,250,402]}",                  // version as string
        "{\"v\":1,\"h\":[92,88,101],\"dd\":[383,250]}",                             // 3 keys
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,250]}",                          // dd too short
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,250,402,10]}",                   // dd too long
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,250,402],\"ud\":[1,2]}",         // ud length
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,250,402],\"ud\":[0,0,0]}",       // ud inconsistent
        "{\"v\":1,\"h\":[92,-88,101,85],\"dd\":[383,250,402]}",                     // negative hold
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,-250,402]}",                     // negative dd
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,5000.1,402]}",                   // > 5000 ms
        "{\"v\":1,\"h\":[92,88,101,1e308],\"dd\":[383,250,402]}",                   // huge
        "{\"v\":1,\"h\":[92,88,101,1e999],\"dd\":[383,250,402]}",                   // infinite
        "{\"v\":1,\"h\":[92,88,101,NaN],\"dd\":[383,250,402]}",                     // NaN
        "{\"v\":1,\"h\":[92,88,101,Infinity],\"dd\":[383,250,402]}",
        "{\"v\":1,\"h\":[92,88,101,-Infinity],\"dd\":[383,250,402]}",
        "{\"v\":1,\"h\":[92,88,101,0x10],\"dd\":[383,250,402]}",                    // hex
        "{\"v\":1,\"h\":[92,88,101,+85],\"dd\":[383,250,402]}",                     // plus sign
        "{\"v\":1,\"h\":[92,88,101,085],\"dd\":[383,250,402]}",                     // leading zero
        "{\"v\":1,\"h\":[92,88,101,85.],\"dd\":[383,250,402]}",
        "{\"v\":1,\"h\":[92,88,101,\"85\"],\"dd\":[383,250,402]}",                  // string number
        "{\"v\":1,\"h\":[92,88,101,null],\"dd\":[383,250,402]}",
        "{\"v\":1,\"h\":[92,88,101,[85]],\"dd\":[383,250,402]}",                    // nesting
        "{\"v\":1,\"h\":[92,88,101,{\"a\":1}],\"dd\":[383,250,402]}",
        "{\"v\":1,\"h\":{\"0\":92},\"dd\":[383,250,402]}",
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,250,402],\"x\":1}",              // unknown member
        "{\"v\":1,\"h\":[92,88,101,85],\"h\":[92,88,101,85],\"dd\":[383,250,402]}", // duplicate member
        "{\"v\":1,\"h\":[92,88,101,85,],\"dd\":[383,250,402]}",                     // trailing comma
        "{'v':1,'h':[92,88,101,85],'dd':[383,250,402]}",                            // single quotes
        "{\"v\":1,\"h\":[92,88,101,85],\"dd\":[383,250,402]}\u0000",
    })
    void refusesMalformedInput(String field) {
        assertThat(KeystrokeSample.parse(field)).isEmpty();
    }

    @Test
    void refusesNullAndOverlongFieldsBeforeParsing() {
        assertThat(KeystrokeSample.parse(null)).isEmpty();
        String padded = GOOD.substring(0, GOOD.length() - 1) + " ".repeat(KeystrokeSample.MAX_FIELD_CHARS) + "}";
        assertThat(KeystrokeSample.parse(padded)).isEmpty();
        assertThat(KeystrokeSample.parse("[".repeat(1 << 20))).isEmpty();
        assertThat(KeystrokeSample.parse("[".repeat(4000))).isEmpty();
        assertThat(KeystrokeSample.parse("{\"v\":" + "[".repeat(4000))).isEmpty();
    }

    @Test
    void factoryDerivesMissingKindsAndValidates() {
        KeystrokeSample s = KeystrokeSample.of(new double[] {90, 80, 100, 85}, new double[] {300, 250, 400}, null);
        assertThat(s.upDown()).containsExactly(210, 170, 300);
        KeystrokeSample t = KeystrokeSample.of(new double[] {90, 80, 100, 85}, null, new double[] {210, 170, 300});
        assertThat(t.downDown()).containsExactly(300, 250, 400);
        KeystrokeSample u = KeystrokeSample.of(null, new double[] {300, 250, 400}, null);
        assertThat(u.has(KeystrokeSample.HOLD)).isFalse();
        assertThat(u.keyCount()).isEqualTo(4);

        assertThatThrownBy(() -> KeystrokeSample.of(null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeystrokeSample.of(new double[] {1, 2, 3}, new double[] {1, 2}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeystrokeSample.of(new double[] {90, 80, 100, 85}, new double[] {300, 250}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeystrokeSample.of(new double[] {90, Double.NaN, 100, 85}, new double[] {1, 2, 3}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeystrokeSample.of(new double[] {90, -1, 100, 85}, new double[] {1, 2, 3}, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesTimings() {
        assertThat(KeystrokeSample.parse(GOOD).map(Object::toString)).isEqualTo(Optional.of("KeystrokeSample[keys=4, kinds=7]"));
    }
}
