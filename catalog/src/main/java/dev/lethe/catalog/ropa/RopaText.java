package dev.lethe.catalog.ropa;

import dev.lethe.catalog.ropa.RecordOfProcessing.DatasetRetention;
import dev.lethe.catalog.ropa.RecordOfProcessing.Retention;
import dev.lethe.catalog.ropa.RecordOfProcessing.Transfer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Short human-readable forms shared by the CSV and HTML renderings. */
final class RopaText {

    private RopaText() {}

    static String transfer(Transfer transfer) {
        String text = transfer.flow() + " → " + transfer.to();
        if (transfer.outsideEea()) {
            text += " (outside the EEA"
                    + (transfer.destinationCountry() == null
                                    || transfer.destinationCountry().isEmpty()
                            ? ""
                            : ", " + transfer.destinationCountry())
                    + ", safeguard " + transfer.safeguard() + ")";
        }
        return text;
    }

    static String retention(Retention retention) {
        return retention.policy() + ": " + retention.action() + " " + retention.target() + " after "
                + retention.period() + (retention.enabled() ? "" : " (disabled)");
    }

    /** {@code Orders 30d: DELETE after P30D (dataset), last enforced 2026-12-02 03:00 UTC}. */
    static String datasetRetention(DatasetRetention retention) {
        if (retention.policy() == null) {
            return "no retention policy";
        }
        return retention.policy() + ": " + retention.action() + " after " + retention.period() + " ("
                + retention.scope() + (retention.enabled() ? "" : ", disabled") + "), "
                + lastEnforced(retention.lastEnforced());
    }

    static String lastEnforced(Instant at) {
        return at == null ? "never enforced" : "last enforced " + time(at);
    }

    static String time(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atOffset(ZoneOffset.UTC)) + " UTC";
    }
}
