package dev.vigil.keycloak.it.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Types a recorded typing into the focused field of a real Chromium as key events with the recorded
 * timings: key i goes down at the sum of the first i down-down times and comes up at its down time
 * plus its hold time, so overlapping keys (negative up-down) interleave as they did when recorded. Each
 * key of the typing is played as one printable character of {@code keys} (one key per character, all
 * different, so each key-up pairs with its key-down).
 *
 * <p>Three ways to send the events ({@link Mode}): DevTools {@code Input.dispatchKeyEvent} per event
 * at an absolute time on the test's clock (a late event does not delay the next), written to a direct
 * DevTools socket or sent through ChromeDriver; or one W3C Actions chain (key down / pause / key up)
 * that ChromeDriver plays itself, where the pauses are relative, so each event's dispatch cost is added
 * to the gaps after it. {@code TypingRhythmBrowserIT} measures all three.
 */
public final class KeyReplay {

    public enum Mode {
        /** Input.dispatchKeyEvent on a direct DevTools socket ({@link CdpSocket}), at absolute times */
        CDP,
        /** the same commands through ChromeDriver's {@code executeCdpCommand} (one HTTP call each) */
        CDP_VIA_DRIVER,
        /** one W3C Actions chain of key down / pause / key up, timed by ChromeDriver */
        ACTIONS
    }

    /** A typing: hold times of n keys and the n−1 down-down times between them, in ms. */
    public record Typing(double[] h, double[] dd) {

        public int keys() {
            return h.length;
        }

        /** Up-down times implied by the schedule: dd[i] − h[i]. */
        public double[] ud() {
            double[] ud = new double[dd.length];
            for (int i = 0; i < dd.length; i++) {
                ud[i] = dd[i] - h[i];
            }
            return ud;
        }

        /** Total time from the first key-down to the last key-up. */
        public double durationMs() {
            double end = 0;
            double down = 0;
            for (int i = 0; i < h.length; i++) {
                if (i > 0) {
                    down += dd[i - 1];
                }
                end = Math.max(end, down + h[i]);
            }
            return end;
        }

        /** Reads the hidden-field JSON ({"v":1,"h":[…],"dd":[…],"ud":[…]}), as TypingData and the script write it. */
        public static Typing parse(String json) {
            return new Typing(array(json, "h"), array(json, "dd"));
        }

        public static double[] array(String json, String name) {
            int at = json.indexOf("\"" + name + "\":[");
            if (at < 0) {
                throw new IllegalArgumentException("no " + name + " in " + json);
            }
            int start = json.indexOf('[', at) + 1;
            String body = json.substring(start, json.indexOf(']', start)).trim();
            if (body.isEmpty()) {
                return new double[0];
            }
            String[] parts = body.split(",");
            double[] values = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = Double.parseDouble(parts[i].trim());
            }
            return values;
        }
    }

    /** One key event of the schedule: at ms after the first key-down, key index, down or up. */
    public record KeyEvent(double at, int key, boolean down) {
    }

    private KeyReplay() {
    }

    /** The events in time order; at equal times a key-up goes before a key-down (up-down 0 stays ≥ 0). */
    public static List<KeyEvent> schedule(Typing typing) {
        List<KeyEvent> events = new ArrayList<>();
        double down = 0;
        for (int i = 0; i < typing.keys(); i++) {
            if (i > 0) {
                down += typing.dd()[i - 1];
            }
            events.add(new KeyEvent(down, i, true));
            events.add(new KeyEvent(down + typing.h()[i], i, false));
        }
        events.sort(Comparator.comparingDouble(KeyEvent::at).thenComparing(e -> e.down() ? 1 : 0));
        return events;
    }

    /**
     * Plays {@code typing} into the focused element of {@code browser}, key i as character {@code keys.charAt(i)}.
     *
     * @return per event, how late it was written (ms after its scheduled time; CDP modes only, Actions:
     *         empty, ChromeDriver does the timing)
     */
    public static double[] type(ChromiumBrowser browser, Mode mode, String keys, Typing typing) {
        if (keys.length() != typing.keys() || keys.chars().distinct().count() != keys.length()) {
            throw new IllegalArgumentException("need " + typing.keys() + " different keys, got '" + keys + "'");
        }
        List<KeyEvent> events = schedule(typing);
        List<Map<String, Object>> params = new ArrayList<>();
        for (KeyEvent e : events) {
            params.add(keyEvent(keys.charAt(e.key()), e.down()));
        }
        double[] late = new double[events.size()];
        switch (mode) {
            case CDP -> {
                CdpSocket cdp = browser.cdp();
                cdp.call("Runtime.evaluate", Map.of("expression", "0")); // a first round trip, off the clock
                List<CompletableFuture<String>> answers = new ArrayList<>();
                long t0 = System.nanoTime() + 20_000_000L;
                for (int i = 0; i < events.size(); i++) {
                    long due = t0 + Math.round(events.get(i).at() * 1_000_000L);
                    waitUntil(due);
                    late[i] = (System.nanoTime() - due) / 1e6;
                    answers.add(cdp.send("Input.dispatchKeyEvent", params.get(i)));
                }
                answers.forEach(CdpSocket::check);
            }
            case CDP_VIA_DRIVER -> {
                ChromeDriver driver = browser.driver();
                driver.executeCdpCommand("Runtime.evaluate", Map.of("expression", "0"));
                long t0 = System.nanoTime() + 20_000_000L;
                for (int i = 0; i < events.size(); i++) {
                    long due = t0 + Math.round(events.get(i).at() * 1_000_000L);
                    waitUntil(due);
                    late[i] = (System.nanoTime() - due) / 1e6;
                    driver.executeCdpCommand("Input.dispatchKeyEvent", params.get(i));
                }
            }
            case ACTIONS -> {
                typeActions(browser.driver(), keys, events);
                return new double[0];
            }
        }
        return late;
    }

    private static void typeActions(WebDriver driver, String keys, List<KeyEvent> events) {
        Actions actions = new Actions(driver);
        long pausedMs = 0;
        for (KeyEvent e : events) {
            // pauses are whole ms: keep the running total on the schedule instead of rounding each gap
            long target = Math.round(e.at());
            if (target - pausedMs > 0) {
                actions.pause(java.time.Duration.ofMillis(target - pausedMs));
                pausedMs = target;
            }
            CharSequence key = String.valueOf(keys.charAt(e.key()));
            actions = e.down() ? actions.keyDown(key) : actions.keyUp(key);
        }
        actions.perform();
    }

    /** CDP parameters for a key of a US keyboard: letters, digits and '.'. */
    static Map<String, Object> keyEvent(char c, boolean down) {
        String code;
        int vk;
        if (c >= 'a' && c <= 'z') {
            code = "Key" + Character.toUpperCase(c);
            vk = Character.toUpperCase(c);
        } else if (c >= '0' && c <= '9') {
            code = "Digit" + c;
            vk = c;
        } else if (c == '.') {
            code = "Period";
            vk = 190;
        } else {
            throw new IllegalArgumentException("no key for '" + c + "'");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", down ? "keyDown" : "keyUp");
        p.put("key", String.valueOf(c));
        p.put("code", code);
        p.put("windowsVirtualKeyCode", vk);
        p.put("nativeVirtualKeyCode", vk);
        if (down) {
            p.put("text", String.valueOf(c));
            p.put("unmodifiedText", String.valueOf(c));
        }
        return p;
    }

    /** Enter pressed and released in the focused field: the browser's own implicit form submission. */
    public static void pressEnter(ChromiumBrowser browser) {
        CdpSocket cdp = browser.cdp();
        cdp.call("Input.dispatchKeyEvent", Map.of("type", "keyDown", "key", "Enter", "code", "Enter",
                "windowsVirtualKeyCode", 13, "nativeVirtualKeyCode", 13, "text", "\r", "unmodifiedText", "\r"));
        cdp.call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", "Enter", "code", "Enter",
                "windowsVirtualKeyCode", 13, "nativeVirtualKeyCode", 13));
    }

    /** Sleeps most of the way, then spins: scheduling to well under a millisecond. */
    private static void waitUntil(long due) {
        long left;
        while ((left = due - System.nanoTime()) > 2_000_000L) {
            LockSupport.parkNanos(left - 1_500_000L);
        }
        while (System.nanoTime() < due) {
            Thread.onSpinWait();
        }
    }

    /**
     * The typing as it was actually sent: each event at its scheduled time plus how late the player wrote it
     * ({@link #type}'s answer). Comparing the capture with this leaves out the test's own scheduling noise (a
     * busy machine delays the player too), so what remains is the browser's and the capture script's error.
     */
    public static Typing dispatched(Typing typing, double[] late) {
        List<KeyEvent> events = schedule(typing);
        if (late.length != events.size()) {
            return typing;
        }
        double[] down = new double[typing.keys()];
        double[] up = new double[typing.keys()];
        for (int i = 0; i < events.size(); i++) {
            KeyEvent e = events.get(i);
            (e.down() ? down : up)[e.key()] = e.at() + late[i];
        }
        double[] h = new double[typing.keys()];
        double[] dd = new double[typing.keys() - 1];
        for (int i = 0; i < typing.keys(); i++) {
            h[i] = up[i] - down[i];
            if (i > 0) {
                dd[i - 1] = down[i] - down[i - 1];
            }
        }
        return new Typing(h, dd);
    }

    /** Absolute errors |captured − replayed| over h, dd and ud, in ms. */
    public static double[] errors(Typing replayed, String capturedJson) {
        double[][] want = {replayed.h(), replayed.dd(), replayed.ud()};
        double[][] got = {Typing.array(capturedJson, "h"), Typing.array(capturedJson, "dd"),
                Typing.array(capturedJson, "ud")};
        List<Double> errors = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            if (got[f].length != want[f].length) {
                throw new AssertionError(String.format(Locale.ROOT, "captured %d values for feature %d, replayed %d: %s",
                        got[f].length, f, want[f].length, capturedJson));
            }
            for (int i = 0; i < want[f].length; i++) {
                errors.add(Math.abs(got[f][i] - want[f][i]));
            }
        }
        return errors.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
