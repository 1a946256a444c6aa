package dev.lethe.workflows.erasure;

import dev.lethe.catalog.dataset.DataField;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which fields are free text, where personal data sits inside prose (a support ticket's body, a note):
 * fields whose data type is unbounded text ({@code text}, {@code clob}, {@code longtext}, Elasticsearch
 * {@code text}, {@code varchar} without a length or longer than 255) and in which discovery found personal
 * data (the field has data categories), but that hold no identity themselves (an identity field is a
 * value, erased as a whole). Short strings, keywords and identities are values, not prose.
 */
final class FreeText {

    private static final Set<String> UNBOUNDED =
            Set.of("text", "clob", "nclob", "longtext", "mediumtext", "tinytext", "ntext", "citext");
    private static final Pattern VARYING =
            Pattern.compile("(character varying|varchar|nvarchar|string)(\\((\\d+)\\))?");

    private FreeText() {}

    static boolean is(DataField field) {
        if (field.identityType() != null || field.categories().isEmpty() || field.dataType() == null) {
            return false;
        }
        String type = field.dataType().strip().toLowerCase(Locale.ROOT);
        if (UNBOUNDED.contains(type)) {
            return true;
        }
        Matcher varying = VARYING.matcher(type);
        if (varying.matches()) {
            return varying.group(3) == null
                    ? !type.equals("string")
                    : varying.group(3).length() > 3 || Integer.parseInt(varying.group(3)) > 255;
        }
        return false;
    }
}
