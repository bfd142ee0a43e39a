package dev.vigil.keycloak.riskengine.keystroke;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately small, strict JSON reader for the two keystroke documents (the login form's hidden field
 * and the stored template). It exists so this package needs nothing but the JDK, and so every limit is
 * explicit:
 * <ul>
 *   <li>the caller caps the input length <em>before</em> calling {@link #parse};</li>
 *   <li>nesting deeper than {@code maxDepth} is refused as soon as it is seen (recursion never goes deeper
 *       than {@code maxDepth}, so hostile nesting cannot exhaust the stack);</li>
 *   <li>at most {@code maxElements} values in total, number tokens of at most 32 characters, strings of at
 *       most 256 characters, duplicate keys refused, nothing but whitespace after the document;</li>
 *   <li>numbers follow the JSON grammar exactly (no {@code NaN}, {@code Infinity}, hex, leading {@code +}
 *       or leading zeros) and must be finite as doubles.</li>
 * </ul>
 * Objects become {@link LinkedHashMap}, arrays {@link ArrayList}, numbers {@link Double}, strings
 * {@link String}, {@code true}/{@code false} {@link Boolean}, and {@code null} becomes {@link #NULL}.
 * Any violation throws {@link Malformed}; callers turn that into "no value".
 */
final class MiniJson {

    /** Stand-in for JSON {@code null} (maps cannot hold Java null values meaningfully here). */
    static final Object NULL = new Object();

    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_NUMBER_CHARS = 32;
    private static final int MAX_STRING_CHARS = 256;

    private final String s;
    private final int maxDepth;
    private final int maxElements;
    private int pos;
    private int elements;

    private MiniJson(String s, int maxDepth, int maxElements) {
        this.s = s;
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
    }

    static Object parse(String text, int maxDepth, int maxElements) throws Malformed {
        if (text == null) {
            throw new Malformed("null");
        }
        MiniJson p = new MiniJson(text, maxDepth, maxElements);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw new Malformed("trailing characters at " + p.pos);
        }
        return v;
    }

    private Object value(int depth) throws Malformed {
        if (++elements > maxElements) {
            throw new Malformed("too many values");
        }
        if (pos >= s.length()) {
            throw new Malformed("unexpected end");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw new Malformed("unexpected character at " + pos);
        }
    }

    private Map<String, Object> object(int depth) throws Malformed {
        if (depth > maxDepth) {
            throw new Malformed("nested too deeply");
        }
        pos++; // '{'
        Map<String, Object> out = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw new Malformed("expected key at " + pos);
            }
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            Object v = value(depth);
            if (out.put(key, v) != null) {
                throw new Malformed("duplicate key " + key);
            }
            skipWs();
            char c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw new Malformed("expected , or } at " + (pos - 1));
            }
        }
    }

    private List<Object> array(int depth) throws Malformed {
        if (depth > maxDepth) {
            throw new Malformed("nested too deeply");
        }
        pos++; // '['
        List<Object> out = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            skipWs();
            out.add(value(depth));
            skipWs();
            char c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw new Malformed("expected , or ] at " + (pos - 1));
            }
        }
    }

    private String string() throws Malformed {
        pos++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new Malformed("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw new Malformed("control character in string");
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    throw new Malformed("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (pos + 4 > s.length()) {
                            throw new Malformed("short unicode escape");
                        }
                        int cp = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(s.charAt(pos++), 16);
                            if (d < 0) {
                                throw new Malformed("bad unicode escape");
                            }
                            cp = cp * 16 + d;
                        }
                        b.append((char) cp);
                        break;
                    default:
                        throw new Malformed("bad escape");
                }
            } else {
                b.append(c);
            }
            if (b.length() > MAX_STRING_CHARS) {
                throw new Malformed("string too long");
            }
        }
    }

    private Double number() throws Malformed {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw new Malformed("bad number at " + start);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new Malformed("bad fraction at " + start);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new Malformed("bad exponent at " + start);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (pos - start > MAX_NUMBER_CHARS) {
            throw new Malformed("number too long at " + start);
        }
        double d = Double.parseDouble(s.substring(start, pos));
        if (!Double.isFinite(d)) {
            throw new Malformed("number out of range at " + start);
        }
        return d;
    }

    private void literal(String word) throws Malformed {
        if (!s.startsWith(word, pos)) {
            throw new Malformed("bad literal at " + pos);
        }
        pos += word.length();
    }

    private void expect(char c) throws Malformed {
        if (next() != c) {
            throw new Malformed("expected " + c + " at " + (pos - 1));
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() throws Malformed {
        if (pos >= s.length()) {
            throw new Malformed("unexpected end");
        }
        return s.charAt(pos++);
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---- helpers for writing -------------------------------------------------------------------------

    /** Shortest round-trippable form with at most {@code decimals} fraction digits, no exponent. */
    static String num(double v, int decimals) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not finite: " + v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
