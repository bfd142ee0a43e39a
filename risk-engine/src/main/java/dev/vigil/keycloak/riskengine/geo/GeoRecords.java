package dev.vigil.keycloak.riskengine.geo;

import java.util.Locale;
import java.util.Map;

/**
 * Reads a database record in either layout Vigil supports: the nested one of MaxMind GeoLite2/GeoIP2 and DB-IP
 * ({@code country.iso_code}, {@code location.latitude/longitude/accuracy_radius},
 * {@code autonomous_system_number/organization}) and the flat one of the {@code @ip-location-db} packages
 * ({@code country_code}, {@code latitude}/{@code longitude} as strings, {@code autonomous_system_number}).
 */
final class GeoRecords {

    private GeoRecords() {
    }

    static GeoLocation of(Map<String, Object> r) {
        if (r == null) {
            return null;
        }
        String country = text(nested(r, "country", "iso_code"));
        if (country == null) {
            country = text(r.get("country_code"));
        }
        if (country == null) {
            country = text(nested(r, "registered_country", "iso_code"));
        }
        Double lat = number(nested(r, "location", "latitude"));
        Double lon = number(nested(r, "location", "longitude"));
        Integer accuracy = integer(nested(r, "location", "accuracy_radius"));
        if (lat == null || lon == null) {
            lat = number(r.get("latitude"));
            lon = number(r.get("longitude"));
        }
        if (lat != null && lon != null && (Math.abs(lat) > 90 || Math.abs(lon) > 180)) {
            lat = null;
            lon = null;
        }
        if (lat != null && lon != null && accuracy == null) {
            accuracy = GeoLocation.DEFAULT_ACCURACY_KM;
        }
        Double asnNumber = number(r.get("autonomous_system_number"));
        Long asn = asnNumber == null || asnNumber <= 0 ? null : asnNumber.longValue();
        String org = text(r.get("autonomous_system_organization"));
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            country = null;
        }
        return new GeoLocation(country == null ? null : country.toUpperCase(Locale.ROOT), asn, org, lat, lon,
                lat == null ? null : accuracy);
    }

    private static Object nested(Map<String, Object> r, String outer, String inner) {
        Object o = r.get(outer);
        return o instanceof Map<?, ?> m ? m.get(inner) : null;
    }

    private static String text(Object o) {
        return o instanceof String s && !s.isBlank() ? s.trim() : null;
    }

    private static Double number(Object o) {
        if (o instanceof Float f) {
            // single precision (DB-IP lite): its shortest decimal form, 51.5143 rather than 51.51430130004883
            return Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : null;
        }
        if (o instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (o instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim());
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer integer(Object o) {
        Double d = number(o);
        return d == null || d < 0 ? null : (int) Math.min(20_000, d.longValue());
    }
}
