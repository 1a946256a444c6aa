package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;

/** Latitude/longitude pairs in decimal degrees, e.g. "52.520008, 13.404954" or "-33.8688 151.2093". */
final class Coordinates {

    /** Fewer decimals are prices and measurements, not positions. */
    private static final int MIN_DECIMALS = 4;

    private Coordinates() {}

    /**
     * Given a run that is one decimal number, reads a second decimal after ", " or a space and reports
     * the pair when both are in range. Returns the index scanning may continue from.
     */
    static int pair(NumberRun first, List<Candidate> out) {
        String text = first.text;
        if (first.groupLength(1) < MIN_DECIMALS || first.groupLength(0) > 3) {
            return first.end();
        }
        int i = first.end();
        int n = text.length();
        int seps = 0;
        while (i < n && seps < 3 && (text.charAt(i) == ',' || text.charAt(i) == ' ' || text.charAt(i) == ';')) {
            i++;
            seps++;
        }
        boolean negative = i < n && text.charAt(i) == '-';
        int s2 = negative ? i + 1 : i;
        int intEnd = digitsEnd(text, s2);
        if (seps == 0 || intEnd == s2 || intEnd - s2 > 3 || intEnd >= n || text.charAt(intEnd) != '.') {
            return first.end();
        }
        int fracEnd = digitsEnd(text, intEnd + 1);
        if (fracEnd - intEnd - 1 < MIN_DECIMALS || (fracEnd < n && Character.isLetterOrDigit(text.charAt(fracEnd)))) {
            return first.end();
        }
        int s1 = first.groupStart[0];
        boolean firstNegative = s1 > 0 && text.charAt(s1 - 1) == '-';
        double lat = Double.parseDouble(text.substring(s1, first.end()));
        double lon = Double.parseDouble(text.substring(s2, fracEnd));
        if (lat > 90 || lon > 180) {
            return first.end();
        }
        int start = firstNegative ? s1 - 1 : s1;
        // two small numbers with many decimals are as often constants or ratios as places near (0, 0)
        boolean small = Math.abs(lat) < 10 && Math.abs(lon) < 10;
        double score = small ? 0.4 : 0.7;
        out.add(new Candidate(PiiType.GEO_COORDINATES, start, fracEnd, score, Evidence.PATTERN, Evidence.VALIDATOR));
        return fracEnd;
    }

    private static int digitsEnd(String text, int i) {
        int n = text.length();
        while (i < n && NumberRun.isDigit(text.charAt(i)) && i < n) {
            i++;
        }
        return i;
    }
}
