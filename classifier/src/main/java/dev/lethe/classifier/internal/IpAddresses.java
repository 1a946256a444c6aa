package dev.lethe.classifier.internal;

/** IPv4 (dotted quad) and IPv6 (full, compressed, with embedded IPv4) validation. */
final class IpAddresses {

    private IpAddresses() {}

    /** Four decimal octets without leading zeros; {@code text[s,e)} is the candidate. */
    static boolean isV4(CharSequence t, int s, int e) {
        int parts = 0;
        int i = s;
        while (i <= e) {
            int start = i;
            int value = 0;
            while (i < e && t.charAt(i) >= '0' && t.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (t.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && t.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == e) {
                return parts == 4;
            }
            if (t.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
        return false;
    }

    /**
     * IPv6 in RFC 4291 text form. Requires either all eight groups or "::" plus enough hex digits that
     * times such as 12:30 or C++ names like a::b are not mistaken for addresses.
     */
    static boolean isV6(String t) {
        int zone = t.indexOf('%');
        String addr = zone >= 0 ? t.substring(0, zone) : t;
        if (addr.length() < 3 || addr.length() > 45) {
            return false;
        }
        int gap = addr.indexOf("::");
        if (gap >= 0 && addr.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] groups = addr.split(":", -1);
        int count = 0;
        int hexDigits = 0;
        int empties = 0;
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            if (group.isEmpty()) {
                empties++;
                continue;
            }
            if (g == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!isV4(group, 0, group.length())) {
                    return false;
                }
                count += 2;
                hexDigits += 4;
                continue;
            }
            if (group.length() > 4 || !allHex(group)) {
                return false;
            }
            count++;
            hexDigits += group.length();
        }
        if (gap < 0) {
            return count == 8 && empties == 0;
        }
        boolean edgesOk = (gap == 0 || addr.charAt(0) != ':') && (gap + 2 == addr.length() || !addr.endsWith(":"));
        return edgesOk && count <= 7 && hexDigits >= 5;
    }

    private static boolean allHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!OnlineDetectors.isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
