package dev.lethe.workflows.steps;

import dev.lethe.workflows.run.ReceiptSummary;
import dev.lethe.workflows.run.RequestRef;

/** Issues an erasure's signed receipt from what its systems reported and verification found. */
interface ReceiptIssuing {

    ReceiptSummary issue(RequestRef ref);
}
