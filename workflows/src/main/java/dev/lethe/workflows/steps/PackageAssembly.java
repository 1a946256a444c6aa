package dev.lethe.workflows.steps;

import dev.lethe.workflows.run.PackageSummary;
import dev.lethe.workflows.run.RequestRef;

/** Builds an access or export request's package from the parts its systems wrote. */
interface PackageAssembly {

    PackageSummary assemble(RequestRef ref);
}
