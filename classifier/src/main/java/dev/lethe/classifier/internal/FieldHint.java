package dev.lethe.classifier.internal;

import dev.lethe.classifier.PiiType;
import dev.lethe.classifier.SpecialCategory;

/**
 * What a field's name says about its value.
 *
 * @param type the type the name names, or null
 * @param special the Art. 9 category the name reveals, or null
 * @param negative the name says the value is an id, order number, price, hash or the like
 */
public record FieldHint(PiiType type, SpecialCategory special, boolean negative) {

    static final FieldHint NONE = new FieldHint(null, null, false);

    /** Combines a child's hint with its ancestors' special category (a "health" object marks all inside). */
    FieldHint inheriting(SpecialCategory inherited) {
        if (special != null || inherited == null) {
            return this;
        }
        return new FieldHint(type, inherited, negative);
    }
}
