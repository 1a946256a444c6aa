package dev.lethe.catalog.ropa;

import dev.lethe.catalog.ropa.RecordOfProcessing.Retention;
import dev.lethe.catalog.ropa.RecordOfProcessing.Transfer;

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
}
