package dev.lethe.app.logging;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.classifier.PiiType;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and secrets in text bound for a log: what the classifier finds becomes its type in
 * brackets ({@code [EMAIL_ADDRESS]}), secrets become {@code [SECRET]}. Pure and thread-safe; nothing is
 * cached, so no personal value outlives the call.
 *
 * <p>Cheap on the common line: one pass over the characters decides what runs. The classifier runs only
 * on text with a digit or an {@code @}; each secret pattern only when its key word is there (a bare
 * token only when a 43-character run is), so a line with none of these is returned as it is. A failure
 * never lets the raw text through: the line becomes {@link #REDACTED}.
 */
public final class LogMasking {

    /** What a line becomes when it cannot be checked. */
    public static final String REDACTED = "[REDACTED: the log message could not be checked for personal data]";

    /** Longer messages are not scanned (the classifier is linear, but a log line is no place for them). */
    static final int MAX_LENGTH = 256 * 1024;

    /** Types left readable: an address of a service is no person's (URLs, host names), the tagger's places and
     * employers in log prose are mostly class and product names, and times are what logs are made of.
     * Credentials inside a URL are their own type. */
    private static final Set<PiiType> KEPT =
            EnumSet.of(PiiType.URL, PiiType.DOMAIN_NAME, PiiType.DATE_TIME, PiiType.LOCATION, PiiType.ORGANIZATION);

    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();

    /** {@code Authorization: Bearer …}, {@code Basic …}. */
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]{6,}");

    /** {@code password=…}, {@code "secret": "…"}, {@code api_key: …}, in URLs, JDBC URLs, JSON and prose. */
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)(\\b[a-z0-9_.-]{0,40}?(?:passw(?:or)?d|pwd|secret"
            + "|api[_-]?key|apikey|access[_-]?key|private[_-]?key|token|credentials?)\\b[\"']?\\s{0,3}[=:]\\s{0,3}[\"']?)"
            + "([^\\s&;,\"'}]{1,512})");

    /** {@code scheme://user:password@host}. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(://[^\\s/:@]{1,256}:)([^\\s/@]{1,512})(@)");

    /** Lethe's API keys, session and set-up tokens: 256 random bits as 43 characters of base64url. */
    private static final Pattern RANDOM_TOKEN = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");

    /** Words the key-value pattern needs (lower case). */
    private static final String[] SECRET_WORDS = {"passw", "pwd", "secret", "key", "token", "credential"};

    private LogMasking() {}

    /** The text with personal data and secrets masked; {@link #REDACTED} if that fails. Null stays null. */
    public static String mask(String text) {
        return mask(text, true);
    }

    /**
     * As {@link #mask(String)}; with {@code randomTokens} false, a bare 43-character token is left as it is
     * (for the one line that shows a one-time secret on purpose, the first ADMIN's set-up link).
     */
    public static String mask(String text, boolean randomTokens) {
        return mask(text, randomTokens, LogMasking::personalData);
    }

    /** As {@link #mask(String, boolean)} with another detector of personal data (tests make it fail). */
    static String mask(String text, boolean randomTokens, UnaryOperator<String> personalData) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        try {
            if (text.length() > MAX_LENGTH) {
                return REDACTED;
            }
            boolean digitOrAt = false;
            int run = 0;
            int longestRun = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                digitOrAt |= (c >= '0' && c <= '9') || c == '@';
                run = isTokenChar(c) ? run + 1 : 0;
                longestRun = Math.max(longestRun, run);
            }
            String lower = text.toLowerCase(Locale.ROOT);
            boolean tokens = randomTokens && longestRun >= 43;
            String masked = secrets(text, lower, tokens);
            return digitOrAt ? personalData.apply(masked) : masked;
        } catch (RuntimeException | StackOverflowError e) {
            return REDACTED;
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** Each pattern runs only when the text holds what it needs: most lines run none. */
    private static String secrets(String text, String lower, boolean randomTokens) {
        String masked = text;
        if (lower.contains("bearer") || lower.contains("basic")) {
            masked = AUTHORIZATION.matcher(masked).replaceAll("$1$2[SECRET]");
        }
        if (lower.contains("://") && lower.indexOf('@') >= 0) {
            masked = URL_USER_INFO.matcher(masked).replaceAll("$1[SECRET]$3");
        }
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                masked = KEY_VALUE.matcher(masked).replaceAll(LogMasking::keepName);
                break;
            }
        }
        return randomTokens ? RANDOM_TOKEN.matcher(masked).replaceAll(LogMasking::randomToken) : masked;
    }

    private static String keepName(MatchResult match) {
        return Matcher.quoteReplacement(
                match.group(2).startsWith("[SECRET]") ? match.group() : match.group(1) + "[SECRET]");
    }

    /** Random tokens mix cases and digits; a 43-letter word or number does not. */
    private static String randomToken(MatchResult match) {
        String token = match.group();
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit ? "[SECRET]" : Matcher.quoteReplacement(token);
    }

    private static String personalData(String text) {
        List<Finding> findings = CLASSIFIER.scanText(text);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        int from = 0;
        for (Finding finding : findings) {
            if (KEPT.contains(finding.type()) || isOwnMark(text, finding) || isLoopback(text, finding)) {
                continue;
            }
            masked.append(text, from, finding.start())
                    .append('[')
                    .append(finding.type().name())
                    .append(']');
            from = finding.end();
        }
        return masked.append(text, from, text.length()).toString();
    }

    private static boolean isOwnMark(String text, Finding finding) {
        return finding.start() > 0
                && text.charAt(finding.start() - 1) == '['
                && finding.end() < text.length()
                && text.charAt(finding.end()) == ']';
    }

    /** Loopback and wildcard addresses say where a service listens, not who someone is. */
    private static boolean isLoopback(String text, Finding finding) {
        if (finding.type() != PiiType.IP_ADDRESS) {
            return false;
        }
        String address = text.substring(finding.start(), finding.end());
        return address.startsWith("127.") || address.equals("0.0.0.0") || address.equals("::1") || address.equals("::");
    }
}
