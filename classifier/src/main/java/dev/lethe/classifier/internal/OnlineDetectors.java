package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;
import java.util.Set;

/** E-mail addresses, URLs (and credentials in them), IPv6 and MAC addresses within one token. */
final class OnlineDetectors {

    /** Things like {@code logo@2x.png} look like e-mail addresses; no real domain ends like this. */
    private static final Set<String> FILE_SUFFIXES =
            Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "ts", "json", "xml", "txt", "pdf");

    private OnlineDetectors() {}

    static void email(String text, int from, int to, List<Candidate> out) {
        int at = Bounded.indexOf(text, '@', from, to);
        while (at >= 0 && at < to) {
            int s = at;
            while (s > from && at - s < 64 && isLocalChar(text.charAt(s - 1))) {
                s--;
            }
            int e = at + 1;
            while (e < to && e - at < 254 && isDomainChar(text.charAt(e))) {
                e++;
            }
            while (e > at + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) {
                e--;
            }
            while (s < at && text.charAt(s) == '.') {
                s++;
            }
            if (validEmail(text, s, at, e)) {
                out.add(new Candidate(PiiType.EMAIL_ADDRESS, s, e, 0.95, Evidence.PATTERN, Evidence.VALIDATOR));
            }
            at = Bounded.indexOf(text, '@', at + 1, to);
        }
    }

    private static boolean validEmail(String text, int s, int at, int e) {
        if (at - s < 1 || at - s > 64 || e - at - 1 < 4 || e - at - 1 > 253 || text.charAt(at - 1) == '.') {
            return false;
        }
        if (text.substring(s, at).contains("..")) {
            return false;
        }
        int lastDot = Bounded.lastIndexOf(text, '.', at + 1, e);
        if (lastDot <= at + 1) {
            return false;
        }
        String tld = text.substring(lastDot + 1, e);
        if (tld.length() < 2 || tld.length() > 24 || FILE_SUFFIXES.contains(tld)) {
            return false;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (!Character.isLetter(tld.charAt(i))) {
                return false;
            }
        }
        return labelsValid(text, at + 1, e);
    }

    private static boolean labelsValid(String text, int s, int e) {
        int labelStart = s;
        for (int i = s; i <= e; i++) {
            if (i == e || text.charAt(i) == '.') {
                int len = i - labelStart;
                if (len < 1 || len > 63 || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isLocalChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-';
    }

    /** A URL starting at the scheme before "://" at {@code sep}; credentials in it are a finding of their own. */
    static void url(String text, int from, int to, int sep, List<Candidate> out) {
        int s = sep;
        while (s > from && isSchemeChar(text.charAt(s - 1))) {
            s--;
        }
        if (s == sep || !Character.isLetter(text.charAt(s)) || to - sep < 4) {
            return;
        }
        int hostStart = sep + 3;
        int hostEnd = hostStart;
        while (hostEnd < to && text.charAt(hostEnd) != '/' && text.charAt(hostEnd) != '?') {
            hostEnd++;
        }
        int at = Bounded.lastIndexOf(text, '@', hostStart, hostEnd);
        if (at >= hostStart) {
            int colon = Bounded.indexOf(text, ':', hostStart, at);
            if (colon > hostStart && colon < at - 1) {
                out.add(new Candidate(PiiType.URL_CREDENTIALS, hostStart, at, 0.97, Evidence.PATTERN));
                return;
            }
        }
        out.add(new Candidate(PiiType.URL, s, to, 0.6, Evidence.PATTERN));
    }

    private static boolean isSchemeChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '.'
                || c == '-';
    }

    /** MAC address: six pairs with ':' or '-', or three quads with '.' (Cisco style). */
    static boolean isMac(String t) {
        if (t.length() == 17) {
            char sep = t.charAt(2);
            if (sep != ':' && sep != '-') {
                return false;
            }
            for (int i = 0; i < 17; i++) {
                boolean ok = i % 3 == 2 ? t.charAt(i) == sep : isHex(t.charAt(i));
                if (!ok) {
                    return false;
                }
            }
        } else if (t.length() == 14) {
            for (int i = 0; i < 14; i++) {
                boolean ok = i % 5 == 4 ? t.charAt(i) == '.' : isHex(t.charAt(i));
                if (!ok) {
                    return false;
                }
            }
        } else {
            return false;
        }
        String hex = t.replaceAll("[^0-9A-Fa-f]", "");
        return !hex.equals("000000000000") && !hex.equalsIgnoreCase("ffffffffffff");
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
