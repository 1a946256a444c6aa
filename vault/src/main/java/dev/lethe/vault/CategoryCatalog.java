package dev.lethe.vault;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The categories a vault accepts, by name and by token label. Immutable and thread-safe. Tokenizing or
 * detokenizing a category that is not in the catalog is bad input.
 */
public final class CategoryCatalog {
    private final Map<String, Category> byName = new HashMap<>();
    private final Map<String, Category> byLabel = new HashMap<>();

    private CategoryCatalog(Collection<Category> categories) {
        for (Category c : categories) {
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate category " + c.name());
            }
            if (byLabel.putIfAbsent(c.label(), c) != null) {
                throw new IllegalArgumentException("duplicate token label " + c.label() + " (" + c.name() + ")");
            }
        }
    }

    public static CategoryCatalog of(Collection<Category> categories) {
        return new CategoryCatalog(categories);
    }

    /** The categories the classifier reports, with formats and labels chosen for them. */
    public static CategoryCatalog defaults() {
        return of(List.of(
                new Category("contact.email", "email", ValueFormat.EMAIL, 0),
                new Category("contact.phone", "phone", ValueFormat.PHONE, 0),
                new Category("contact.address", "address", ValueFormat.TEXT, 0),
                new Category("financial.card", "card", ValueFormat.CARD, 4),
                new Category("financial.bank_account", "iban", ValueFormat.TEXT, 0),
                new Category("financial.bank_identifier", "bic", ValueFormat.TEXT, 0),
                new Category("financial.crypto_wallet", "wallet", ValueFormat.TEXT, 0),
                new Category("government_id.national", "natid", ValueFormat.NATIONAL_ID, 0),
                new Category("government_id.tax", "taxid", ValueFormat.NATIONAL_ID, 0),
                new Category("government_id.health", "healthid", ValueFormat.NATIONAL_ID, 0),
                new Category("government_id.passport", "passport", ValueFormat.TEXT, 0),
                new Category("identity.name", "name", ValueFormat.TEXT, 0),
                new Category("identity.date_of_birth", "dob", ValueFormat.TEXT, 0),
                new Category("identity.gender", "gender", ValueFormat.TEXT, 0),
                new Category("identity.age", "age", ValueFormat.TEXT, 0),
                new Category("online.ip_address", "ip", ValueFormat.TEXT, 0),
                new Category("online.device_id", "device", ValueFormat.TEXT, 0),
                new Category("online.url", "url", ValueFormat.TEXT, 0),
                new Category("location.coordinates", "geo", ValueFormat.TEXT, 0),
                new Category("special", "special", ValueFormat.TEXT, 0)));
    }

    /** A catalog with {@code category} added, or replacing the one of the same name. */
    public CategoryCatalog with(Category category) {
        Map<String, Category> next = new HashMap<>(byName);
        next.put(category.name(), category);
        return of(next.values());
    }

    /** The category named {@code name}; bad input naming {@code field} if there is none. */
    public Category require(String name, String field) {
        Category c = name == null ? null : byName.get(name);
        if (c == null) {
            throw new InvalidInputException(field, "unknown category");
        }
        return c;
    }

    public Optional<Category> byLabel(String label) {
        return Optional.ofNullable(byLabel.get(label));
    }

    public Collection<Category> all() {
        return List.copyOf(byName.values());
    }
}
