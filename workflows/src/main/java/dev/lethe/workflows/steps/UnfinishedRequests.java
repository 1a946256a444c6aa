package dev.lethe.workflows.steps;

import dev.lethe.workflows.run.RequestRef;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Every request not closed yet, in every tenant: what the reconciler starts again at start-up. */
public final class UnfinishedRequests {

    private final DSLContext dsl;

    public UnfinishedRequests(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<RequestRef> list() {
        var tenant = DSL.field(DSL.name("tenant_id"), SQLDataType.UUID);
        var id = DSL.field(DSL.name("id"), SQLDataType.UUID);
        return dsl.select(tenant, id)
                .from(DSL.table("lethe_unfinished_requests()"))
                .fetch(row -> new RequestRef(row.value1(), row.value2()));
    }
}
