package dev.vigil.keycloak.riskengine.features;

import java.util.Locale;

/**
 * A coarse user-agent family ("Chrome/Windows", "curl"): the device identity of logins that carry no
 * Vigil device cookie (password grants, API clients). Versions are dropped so that updates do not
 * look like new devices.
 */
public final class UserAgents {

    private UserAgents() {
    }

    public static String family(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String browser = browser(ua);
        String os = os(ua);
        return os == null ? browser : browser + "/" + os;
    }

    /** The browser name of a user agent ("Chrome", "Firefox", "curl", "unknown"). */
    public static String browserOf(String userAgent) {
        return userAgent == null || userAgent.isBlank() ? "unknown" : browser(userAgent.toLowerCase(Locale.ROOT));
    }

    /** The operating system of a user agent ("Windows", "iOS", ...), or "unknown". */
    public static String osOf(String userAgent) {
        String os = userAgent == null ? null : os(userAgent.toLowerCase(Locale.ROOT));
        return os == null ? "unknown" : os;
    }

    /** "mobile", "desktop", or "other" (an API client, a script). */
    public static String deviceTypeOf(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "other";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("mobile") || ua.contains("android") || ua.contains("iphone") || ua.contains("ipad")) {
            return "mobile";
        }
        return os(ua) == null ? "other" : "desktop";
    }

    private static String browser(String ua) {
        if (ua.contains("edg/") || ua.contains("edge/")) {
            return "Edge";
        }
        if (ua.contains("opr/") || ua.contains("opera")) {
            return "Opera";
        }
        if (ua.contains("firefox/")) {
            return "Firefox";
        }
        if (ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("crios/")) {
            return "Chrome";
        }
        if (ua.contains("safari/")) {
            return "Safari";
        }
        if (ua.contains("htmlunit")) {
            return "HtmlUnit";
        }
        int end = 0;
        while (end < ua.length() && end < 32 && (Character.isLetterOrDigit(ua.charAt(end)) || ua.charAt(end) == '-'
                || ua.charAt(end) == '_' || ua.charAt(end) == '.')) {
            end++;
        }
        String product = ua.substring(0, end);
        return product.isEmpty() ? "other" : product;
    }

    private static String os(String ua) {
        if (ua.contains("android")) {
            return "Android";
        }
        if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ios")) {
            return "iOS";
        }
        if (ua.contains("windows")) {
            return "Windows";
        }
        if (ua.contains("mac os") || ua.contains("macintosh")) {
            return "macOS";
        }
        if (ua.contains("linux") || ua.contains("x11")) {
            return "Linux";
        }
        return null;
    }
}
