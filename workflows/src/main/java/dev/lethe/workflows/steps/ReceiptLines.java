package dev.lethe.workflows.steps;

import dev.lethe.workflows.erasure.SystemErasurePlan;
import dev.lethe.workflows.receipt.ErasureReceipt;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One system's lines of an erasure receipt, from what was recorded while the request ran: the plan
 * (what is kept and why), the system's report (records erased or retained per dataset and field) and
 * the verification (what is left). A dataset's records are counted once even when several of its
 * fields were erased: the most any one rule touched.
 */
final class ReceiptLines {

    private ReceiptLines() {}

    static ErasureReceipt.SystemResult of(
            SystemProgress system,
            Optional<SystemErasurePlan> plan,
            Map<String, Object> outcome,
            Map<String, Object> verification) {
        List<String> exceptions = new ArrayList<>();
        if (system.state() == SystemState.SKIPPED && !Scoping.NOTHING_FOUND.equals(system.detail())) {
            exceptions.add("skipped: " + system.detail());
        } else if (system.state() != SystemState.DONE && system.state() != SystemState.SKIPPED) {
            exceptions.add("not done (" + system.state() + "): " + system.detail());
        }
        plan.ifPresent(p -> p.unmapped()
                .forEach(unmapped -> exceptions.add("not searched: " + unmapped.dataset()
                        + (unmapped.field() == null ? "" : "." + unmapped.field()) + " (" + unmapped.why() + ")")));
        Map<String, Line> lines = new TreeMap<>();
        for (Map<String, Object> erased : list(outcome, "erased")) {
            Line line = lines.computeIfAbsent((String) erased.get("dataset"), Line::new);
            long records = number(erased.get("records"));
            if ("RETAIN".equals(erased.get("strategy"))) {
                String reason = (String) erased.get("reason");
                boolean held = plan.map(p ->
                                p.heldBack().stream().anyMatch(h -> h.reason().equals(reason)))
                        .orElse(false);
                if (held) {
                    line.heldBack = Math.max(line.heldBack, records);
                    line.heldBackReason = reason;
                } else {
                    line.retained = Math.max(line.retained, records);
                    line.retainedReason = reason;
                }
            } else {
                line.erased = Math.max(line.erased, records);
            }
        }
        // Records the plan keeps whole (a RETAIN rule, a record a kept record refers to, a hold) may still
        // have had fields erased: they count as retained, with the plan's reason, not as erased.
        plan.ifPresent(p -> {
            p.retained().stream()
                    .filter(kept -> kept.field() == null)
                    .forEach(kept -> keep(lines, kept.dataset(), kept.reason(), false));
            p.heldBack().stream()
                    .filter(held -> held.field() == null && held.dataset() != null)
                    .forEach(held -> keep(lines, held.dataset(), held.reason(), true));
        });
        boolean verified = verification != null;
        for (Map<String, Object> left : list(verification, "remaining")) {
            Line line = lines.computeIfAbsent((String) left.get("dataset"), Line::new);
            if (!Boolean.TRUE.equals(left.get("expected"))) {
                line.remaining += number(left.get("records"));
            }
        }
        List<ErasureReceipt.DatasetResult> datasets = lines.values().stream()
                .map(line -> new ErasureReceipt.DatasetResult(
                        line.dataset,
                        line.erased + line.retained + line.heldBack,
                        line.erased,
                        line.retained,
                        line.retainedReason,
                        line.heldBack,
                        line.heldBackReason,
                        verified ? line.remaining : null))
                .toList();
        return new ErasureReceipt.SystemResult(system.name(), datasets, exceptions);
    }

    private static void keep(Map<String, Line> lines, String dataset, String reason, boolean held) {
        Line line = lines.get(dataset);
        if (line == null) {
            return;
        }
        long records = Math.max(line.erased, Math.max(line.retained, line.heldBack));
        line.erased = 0;
        if (held) {
            line.heldBack = records;
            line.heldBackReason = reason;
        } else if (line.heldBack == 0) {
            line.retained = records;
            line.retainedReason = reason;
        }
    }

    /** What the receipt lists as not done as asked: each system exception and each incomplete dataset. */
    static int exceptions(ErasureReceipt receipt) {
        int exceptions = 0;
        for (ErasureReceipt.SystemResult system : receipt.systems()) {
            exceptions += system.exceptions().size();
            exceptions += (int) system.datasets().stream()
                    .filter(d -> d.retained() > 0 || d.heldBack() > 0 || d.remaining() == null || d.remaining() > 0)
                    .count();
        }
        return exceptions;
    }

    private static final class Line {
        final String dataset;
        long erased;
        long retained;
        String retainedReason;
        long heldBack;
        String heldBackReason;
        long remaining;

        Line(String dataset) {
            this.dataset = dataset;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> document, String key) {
        if (document == null || !(document.get(key) instanceof List<?> entries)) {
            return List.of();
        }
        return (List<Map<String, Object>>) entries;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
