package dev.lethe.vault.internal;

import dev.lethe.vault.Category;

/**
 * Masks: a display form that keeps just enough to recognise a value ({@code j***@e***.com}, {@code ****
 * **** **** 4242}). Irreversible and keyless; they hide length where it would help guessing (e-mail
 * parts, text) and keep it where the format is public anyway (card and phone layouts).
 */
final class Masks {
    private static final String HIDDEN = "***";

    private Masks() {}

    static String mask(Category category, String value) {
        return switch (category.format()) {
            case EMAIL -> email(value);
            case CARD -> digits(value, Math.max(category.keepLastDigits(), 4));
            case PHONE -> digits(value, 2);
            case NATIONAL_ID -> digits(value, 0);
            case TEXT -> initial(value);
        };
    }

    private static String email(String value) {
        int at = value.lastIndexOf('@');
        int dot = value.lastIndexOf('.');
        if (at <= 0 || dot < at + 2 || dot == value.length() - 1) {
            return initial(value);
        }
        return value.charAt(0) + HIDDEN + "@" + value.charAt(at + 1) + HIDDEN + value.substring(dot);
    }

    /** Every letter and digit becomes {@code *}, except the last {@code keep} digits; separators stay. */
    private static String digits(String value, int keep) {
        int digits = (int) value.chars().filter(Character::isDigit).count();
        // Never show more than half of the digits, however short the value.
        int toHide = Math.max(digits - keep, (digits + 1) / 2);
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                out.append(toHide-- > 0 ? '*' : c);
            } else {
                out.append(Character.isLetter(c) ? '*' : c);
            }
        }
        return out.toString();
    }

    private static String initial(String value) {
        return value.isEmpty() ? HIDDEN : value.substring(0, value.offsetByCodePoints(0, 1)) + HIDDEN;
    }
}
