package dev.vigil.keycloak.riskengine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IndexHintsTest {

    private final List<String> run = new ArrayList<>();

    @AfterEach
    void hintsAgain() {
        IndexHints.reset();
    }

    @Test
    void onH2TheStatementNamesItsIndexElsewhereItDoesNot() {
        assertThat(IndexHints.run(true, "IDX_A", this::statement)).isEqualTo(" USE INDEX (IDX_A)");
        assertThat(IndexHints.run(false, "IDX_A", this::statement)).isEmpty();
    }

    @Test
    void aStatementThatFailsWithAndWithoutTheHintFailsAndHintsStay() {
        // the table is gone: not the hint's fault
        assertThatThrownBy(() -> IndexHints.<String>run(true, "IDX_A", hint -> {
            run.add(hint);
            throw new IllegalStateException("Table \"VIGIL_LOGIN_EVENT\" not found");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("not found");
        assertThat(run).containsExactly(" USE INDEX (IDX_A)", "");
        assertThat(IndexHints.enabled()).isTrue();
    }

    @Test
    void aRefusedHintIsDroppedForGood() {
        String rows = IndexHints.run(true, "IDX_RENAMED", hint -> {
            if (!hint.isEmpty()) {
                throw new IllegalStateException("Index \"IDX_RENAMED\" not found");
            }
            return "rows";
        });
        assertThat(rows).isEqualTo("rows");
        assertThat(IndexHints.enabled()).isFalse();
        assertThat(IndexHints.run(true, "IDX_A", this::statement)).isEmpty();
    }

    @Test
    void aStatementReadingTwiceGetsEachIndexItsHintOrNone() {
        String hinted = IndexHints.runEach(true, hints -> hints.apply("IDX_U") + "|" + hints.apply("IDX_I"));
        assertThat(hinted).isEqualTo(" USE INDEX (IDX_U)| USE INDEX (IDX_I)");
        String plain = IndexHints.runEach(false, hints -> hints.apply("IDX_U") + "|" + hints.apply("IDX_I"));
        assertThat(plain).isEqualTo("|");
        String rows = IndexHints.runEach(true, hints -> {
            if (!hints.apply("IDX_I").isEmpty()) {
                throw new IllegalStateException("Index \"IDX_I\" not found");
            }
            return "rows" + hints.apply("IDX_U");
        });
        assertThat(rows).isEqualTo("rows");
        assertThat(IndexHints.enabled()).isFalse();
    }

    private String statement(String hint) {
        run.add(hint);
        return hint;
    }
}
