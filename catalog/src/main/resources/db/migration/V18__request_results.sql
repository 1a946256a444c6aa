-- What a request did in each system, kept for its receipt and for people: the system's own report of
-- what it erased, exported or corrected (dataset and field names, counts, retain reasons), and the
-- verification after an erasure (what is left, and whether on purpose). Never personal data.
alter table request_system
    add column outcome      jsonb,
    add column verification jsonb;

-- At start-up the reconciler starts the workflow of every request that is not closed, in every tenant
-- (the embedded Temporal server forgets its workflows when it stops). A narrow function instead of a
-- platform policy on the rows: it answers ids only.
create function lethe_unfinished_requests() returns table (tenant_id uuid, id uuid)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select r.tenant_id, r.id
  from request r
 where r.status not in ('DENIED', 'COMPLETED', 'COMPLETED_WITH_EXCEPTIONS', 'CANCELED')
 order by r.received_at
$$;

revoke all on function lethe_unfinished_requests() from public;
grant execute on function lethe_unfinished_requests() to lethe_app;
