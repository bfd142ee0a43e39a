package dev.vigil.keycloak.it.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A direct DevTools connection to the tab ChromeDriver drives: {@code ws://<debuggerAddress>/devtools/page/<window
 * handle>} (ChromeDriver's window handles are DevTools target ids). Commands are written to the socket at
 * once and answered asynchronously, so a command can be sent at its time even while the previous one is
 * still in flight. Selenium's own DevTools classes need a {@code selenium-devtools-vNN} matching the browser
 * (there is none for Debian's Chromium 150 in Selenium 4.39), and ChromeDriver's {@code executeCdpCommand}
 * adds an HTTP hop through the driver: on the 2-core build machine under load, a round trip took a median
 * 6.5 ms (p99 78 ms) that way and 1.1–1.9 ms (p99 9–11 ms) on this socket.
 */
public final class CdpSocket implements AutoCloseable {

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    private CdpSocket(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to the driver's current tab. */
    public static CdpSocket connect(ChromeDriver driver) {
        Map<?, ?> chromeOptions = (Map<?, ?>) driver.getCapabilities().getCapability("goog:chromeOptions");
        String address = (String) chromeOptions.get("debuggerAddress");
        URI uri = URI.create("ws://" + address + "/devtools/page/" + driver.getWindowHandle());
        Listener listener = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, listener).join();
        CdpSocket cdp = new CdpSocket(ws);
        listener.owner = cdp;
        return cdp;
    }

    /** Writes the command now; the future completes with the raw answer. */
    public CompletableFuture<String> send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + json(params) + "}", true)
                .join();
        return answer;
    }

    /** Sends and waits for the answer; fails on a DevTools error. */
    public String call(String method, Map<String, Object> params) {
        return check(send(method, params));
    }

    public static String check(CompletableFuture<String> answer) {
        try {
            String text = answer.get(10, TimeUnit.SECONDS);
            if (text.contains("\"error\":")) {
                throw new IllegalStateException("DevTools error: " + text);
            }
            return text;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }

    private void answered(String text) {
        int at = text.indexOf("\"id\":");
        if (at < 0) {
            return; // an event: none is enabled, ignore
        }
        int end = at + 5;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        CompletableFuture<String> f = pending.remove(Integer.parseInt(text.substring(at + 5, end)));
        if (f != null) {
            f.complete(text);
        }
    }

    static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(json(String.valueOf(e.getKey()))).append(':').append(json(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (value instanceof java.util.Collection<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object item : list) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(json(item));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : String.valueOf(value).toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile CdpSocket owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (owner != null) {
                    owner.answered(message);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
