-- GDPR Art. 19: an erasure, rectification or restriction is communicated to every recipient the
-- subject's data was disclosed to (the external recipients of the catalog's data flows out of the
-- systems the subject was found in), and the request tracks each one until it acknowledged or an
-- officer recorded why not (WAIVED, with the reason). Recipients are organisations named by the
-- catalog, never the subject; the officer's reason stays here and in the timeline, not in the audit
-- chain (free text may name the subject).
--
-- via CONNECTION: the recipient is a connected system of the request (its webhook or manual
-- connection is told by the request's own step there, and its answer is the acknowledgement).
-- via TASK: a manual task (pending_operation, action NOTIFY) asks a person to tell the recipient;
-- completing it is the acknowledgement.
create table request_recipient (
    tenant_id     uuid        not null,
    id            uuid        not null,
    request_id    uuid        not null,
    recipient     text        not null,
    flows         uuid[]      not null default '{}',
    via           text        not null,
    connection_id uuid,
    task_id       uuid,
    state         text        not null default 'PENDING',
    reason        text,
    settled_by    text,
    recorded_at   timestamptz not null default now(),
    notified_at   timestamptz,
    settled_at    timestamptz,
    primary key (tenant_id, id),
    constraint request_recipient_once unique (tenant_id, request_id, recipient),
    constraint request_recipient_request foreign key (tenant_id, request_id) references request (tenant_id, id),
    constraint request_recipient_via check (via in ('CONNECTION', 'TASK')),
    constraint request_recipient_connection check ((via = 'CONNECTION') = (connection_id is not null)),
    constraint request_recipient_state check (state in ('PENDING', 'NOTIFIED', 'ACKNOWLEDGED', 'WAIVED')),
    constraint request_recipient_settled check ((state in ('ACKNOWLEDGED', 'WAIVED')) = (settled_at is not null)),
    constraint request_recipient_waived check (state <> 'WAIVED' or reason is not null)
);

create index request_recipient_request on request_recipient (tenant_id, request_id);

alter table request_recipient enable row level security;
create policy tenant_isolation on request_recipient
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

grant select, insert, update, delete on request_recipient to lethe_app;

-- A person telling a recipient is a manual task like any other (listed, completed with a note).
alter table pending_operation drop constraint pending_operation_action;
alter table pending_operation add constraint pending_operation_action
    check (action in ('LOCATE', 'ACCESS', 'ERASE', 'RECTIFY', 'NOTIFY'));

-- Art. 21 in streams: an objection also keeps the subject's identities hashed as ingest hashes a
-- stream's subject field (the vault's subject hash of the value as systems keep it, without its type),
-- so that ingest marks the protected records of a subject who objected with the purposes objected to.
alter table subject_objection add column stream_hashes text[] not null default '{}';
create index subject_objection_stream_hashes on subject_objection using gin (stream_hashes);

-- Art. 18 in streams likewise: ingest marks the protected records of a restricted subject.
alter table subject_restriction add column stream_hashes text[] not null default '{}';
create index subject_restriction_stream_hashes on subject_restriction using gin (stream_hashes);
