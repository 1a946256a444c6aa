package dev.lethe.workflows.packages;

import java.util.List;

/**
 * What GDPR Art. 15(1) says a data subject is told besides their data, as the catalog records it for
 * the systems and datasets the subject was found in.
 *
 * @param purposes the processing activities of those systems: purpose and legal basis (Art. 15(1)(a))
 * @param categories the data categories held (Art. 15(1)(b))
 * @param recipients third parties the data flows to (Art. 15(1)(c)), with transfer safeguards (Art. 15(2))
 * @param retention how long data is kept (Art. 15(1)(d))
 * @param sources the systems the data was found in (Art. 15(1)(g))
 */
public record Art15Facts(
        List<Purpose> purposes,
        List<String> categories,
        List<Recipient> recipients,
        List<Retention> retention,
        List<Source> sources) {

    public Art15Facts {
        purposes = List.copyOf(purposes);
        categories = List.copyOf(categories);
        recipients = List.copyOf(recipients);
        retention = List.copyOf(retention);
        sources = List.copyOf(sources);
    }

    public static Art15Facts none() {
        return new Art15Facts(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public record Purpose(String activity, String purpose, String legalBasis, List<String> dataCategories) {}

    /** @param safeguard for a transfer outside the EEA, else null */
    public record Recipient(
            String recipient,
            String purpose,
            List<String> dataCategories,
            boolean outsideEea,
            String country,
            String safeguard) {}

    /** @param appliesTo a dataset ({@code system/dataset}) or a data category ({@code category:x}) */
    public record Retention(String policy, String appliesTo, String period) {}

    public record Source(String system, String description, List<String> datasets) {}
}
