-- The data map: which systems hold which personal data, why, where it flows and how long it is kept.
--
-- Conventions: every tenant-owned table has tenant_id (row-level security keys on it), a version
-- for optimistic locking (updates say "where version = ?" and bump it) and who/when columns.
-- Child rows reference their parent through (tenant_id, id), so a row can never point into
-- another tenant's data.

-- The taxonomy that Lethe ships with. Global, read-only for tenants; tenants extend it in
-- tenant_taxonomy_term. Codes are dotted paths; a data category's parent is its prefix.
create table taxonomy_term (
    kind        text    not null,
    code        text    not null,
    parent_code text,
    name        text    not null,
    description text    not null default '',
    special     boolean not null default false,
    legal_basis text,
    primary key (kind, code),
    constraint taxonomy_term_kind check (kind in ('DATA_CATEGORY', 'SUBJECT_CATEGORY', 'PURPOSE')),
    constraint taxonomy_term_code check (code ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
    constraint taxonomy_term_purpose_basis check ((kind = 'PURPOSE') = (legal_basis is not null)),
    constraint taxonomy_term_legal_basis check (legal_basis in (
        'CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK', 'LEGITIMATE_INTERESTS')),
    constraint taxonomy_term_special check (kind = 'DATA_CATEGORY' or not special)
);

create table tenant_taxonomy_term (
    tenant_id   uuid        not null references tenant (id),
    kind        text        not null,
    code        text        not null,
    parent_code text,
    name        text        not null,
    description text        not null default '',
    special     boolean     not null default false,
    legal_basis text,
    version     integer     not null default 1,
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null,
    primary key (tenant_id, kind, code),
    constraint tenant_taxonomy_term_kind check (kind in ('DATA_CATEGORY', 'SUBJECT_CATEGORY', 'PURPOSE')),
    constraint tenant_taxonomy_term_code check (code ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
    constraint tenant_taxonomy_term_purpose_basis check ((kind = 'PURPOSE') = (legal_basis is not null)),
    constraint tenant_taxonomy_term_legal_basis check (legal_basis in (
        'CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK', 'LEGITIMATE_INTERESTS')),
    constraint tenant_taxonomy_term_special check (kind = 'DATA_CATEGORY' or not special)
);

-- Data categories: the classifier's PiiType.category() codes, their parents, and the GDPR
-- Art. 9 special categories (special = true).
insert into taxonomy_term (kind, code, parent_code, name, special) values
    ('DATA_CATEGORY', 'contact', null, 'Contact details', false),
    ('DATA_CATEGORY', 'contact.email', 'contact', 'Email address', false),
    ('DATA_CATEGORY', 'contact.phone', 'contact', 'Phone number', false),
    ('DATA_CATEGORY', 'contact.address', 'contact', 'Postal address', false),
    ('DATA_CATEGORY', 'identity', null, 'Identity', false),
    ('DATA_CATEGORY', 'identity.name', 'identity', 'Name', false),
    ('DATA_CATEGORY', 'identity.date_of_birth', 'identity', 'Date of birth', false),
    ('DATA_CATEGORY', 'identity.gender', 'identity', 'Gender', false),
    ('DATA_CATEGORY', 'identity.age', 'identity', 'Age', false),
    ('DATA_CATEGORY', 'online', null, 'Online identifiers', false),
    ('DATA_CATEGORY', 'online.ip_address', 'online', 'IP address', false),
    ('DATA_CATEGORY', 'online.device_id', 'online', 'Device identifier', false),
    ('DATA_CATEGORY', 'online.url', 'online', 'URL', false),
    ('DATA_CATEGORY', 'location', null, 'Location', false),
    ('DATA_CATEGORY', 'location.coordinates', 'location', 'Geographic coordinates', false),
    ('DATA_CATEGORY', 'financial', null, 'Financial', false),
    ('DATA_CATEGORY', 'financial.card', 'financial', 'Payment card number', false),
    ('DATA_CATEGORY', 'financial.bank_account', 'financial', 'Bank account (IBAN)', false),
    ('DATA_CATEGORY', 'financial.bank_identifier', 'financial', 'Bank identifier (BIC)', false),
    ('DATA_CATEGORY', 'financial.crypto_wallet', 'financial', 'Crypto wallet', false),
    ('DATA_CATEGORY', 'government_id', null, 'Government identifiers', false),
    ('DATA_CATEGORY', 'government_id.national', 'government_id', 'National identification number', false),
    ('DATA_CATEGORY', 'government_id.tax', 'government_id', 'Tax identification number', false),
    ('DATA_CATEGORY', 'government_id.passport', 'government_id', 'Passport number', false),
    ('DATA_CATEGORY', 'government_id.health', 'government_id', 'Health service number', true),
    ('DATA_CATEGORY', 'secret', null, 'Secrets and credentials', false),
    ('DATA_CATEGORY', 'secret.credentials', 'secret', 'Credentials in URLs', false),
    ('DATA_CATEGORY', 'secret.password', 'secret', 'Password', false),
    ('DATA_CATEGORY', 'secret.private_key', 'secret', 'Private key', false),
    ('DATA_CATEGORY', 'secret.token', 'secret', 'Access token', false),
    ('DATA_CATEGORY', 'secret.cloud_key', 'secret', 'Cloud access key', false),
    ('DATA_CATEGORY', 'secret.api_key', 'secret', 'API key', false),
    ('DATA_CATEGORY', 'special', null, 'Special categories (GDPR Art. 9)', true),
    ('DATA_CATEGORY', 'special.racial_ethnic_origin', 'special', 'Racial or ethnic origin', true),
    ('DATA_CATEGORY', 'special.political_opinions', 'special', 'Political opinions', true),
    ('DATA_CATEGORY', 'special.religious_beliefs', 'special', 'Religious or philosophical beliefs', true),
    ('DATA_CATEGORY', 'special.trade_union', 'special', 'Trade union membership', true),
    ('DATA_CATEGORY', 'special.genetic', 'special', 'Genetic data', true),
    ('DATA_CATEGORY', 'special.biometric', 'special', 'Biometric data for identification', true),
    ('DATA_CATEGORY', 'special.health', 'special', 'Health data', true),
    ('DATA_CATEGORY', 'special.sex_life', 'special', 'Sex life or sexual orientation', true),
    ('DATA_CATEGORY', 'criminal', null, 'Criminal convictions and offences (GDPR Art. 10)', true);

insert into taxonomy_term (kind, code, name) values
    ('SUBJECT_CATEGORY', 'customer', 'Customers'),
    ('SUBJECT_CATEGORY', 'prospect', 'Prospects'),
    ('SUBJECT_CATEGORY', 'employee', 'Employees'),
    ('SUBJECT_CATEGORY', 'applicant', 'Job applicants'),
    ('SUBJECT_CATEGORY', 'contractor', 'Contractors'),
    ('SUBJECT_CATEGORY', 'supplier_contact', 'Supplier contacts'),
    ('SUBJECT_CATEGORY', 'website_visitor', 'Website visitors'),
    ('SUBJECT_CATEGORY', 'minor', 'Children');

insert into taxonomy_term (kind, code, name, legal_basis) values
    ('PURPOSE', 'service_delivery', 'Providing the contracted service', 'CONTRACT'),
    ('PURPOSE', 'billing', 'Billing and payments', 'CONTRACT'),
    ('PURPOSE', 'customer_support', 'Customer support', 'CONTRACT'),
    ('PURPOSE', 'marketing', 'Direct marketing', 'CONSENT'),
    ('PURPOSE', 'analytics', 'Product analytics', 'LEGITIMATE_INTERESTS'),
    ('PURPOSE', 'security', 'Security and fraud prevention', 'LEGITIMATE_INTERESTS'),
    ('PURPOSE', 'accounting', 'Statutory accounting and tax', 'LEGAL_OBLIGATION'),
    ('PURPOSE', 'hr_administration', 'Personnel administration', 'CONTRACT'),
    ('PURPOSE', 'recruitment', 'Recruitment', 'CONSENT');

create table data_system (
    id             uuid        primary key,
    tenant_id      uuid        not null references tenant (id),
    name           text        not null,
    description    text        not null default '',
    owner_team     text        not null default '',
    contact        text        not null default '',
    environment    text        not null default 'PRODUCTION',
    hosting_region text        not null default '',
    version        integer     not null default 1,
    created_at     timestamptz not null default now(),
    created_by     text        not null,
    updated_at     timestamptz not null default now(),
    updated_by     text        not null,
    constraint data_system_name_unique unique (tenant_id, name),
    constraint data_system_tenant_id unique (tenant_id, id),
    constraint data_system_environment check (environment in ('PRODUCTION', 'STAGING', 'DEVELOPMENT', 'TEST'))
);

create table dataset (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenant (id),
    system_id   uuid        not null,
    name        text        not null,
    kind        text        not null,
    location    text        not null default '',
    description text        not null default '',
    version     integer     not null default 1,
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null,
    constraint dataset_system foreign key (tenant_id, system_id) references data_system (tenant_id, id),
    constraint dataset_name_unique unique (system_id, name),
    constraint dataset_tenant_id unique (tenant_id, id),
    constraint dataset_kind check (kind in ('TABLE', 'TOPIC', 'INDEX', 'API', 'FILE'))
);

create index dataset_tenant_system on dataset (tenant_id, system_id);

create table data_field (
    id            uuid         primary key,
    tenant_id     uuid         not null references tenant (id),
    dataset_id    uuid         not null,
    path          text         not null,
    data_type     text         not null default '',
    categories    text[]       not null default '{}',
    status        text         not null default 'DISCOVERED',
    confidence    numeric(4,3),
    first_seen_at timestamptz  not null default now(),
    last_seen_at  timestamptz  not null default now(),
    confirmed_by  text,
    confirmed_at  timestamptz,
    version       integer      not null default 1,
    created_at    timestamptz  not null default now(),
    created_by    text         not null,
    updated_at    timestamptz  not null default now(),
    updated_by    text         not null,
    constraint data_field_dataset foreign key (tenant_id, dataset_id) references dataset (tenant_id, id),
    constraint data_field_path_unique unique (dataset_id, path),
    constraint data_field_status check (status in ('DISCOVERED', 'CONFIRMED', 'REJECTED')),
    constraint data_field_confidence check (confidence between 0 and 1)
);

create index data_field_tenant_dataset on data_field (tenant_id, dataset_id);
create index data_field_categories on data_field using gin (categories);

create table processing_activity (
    id                 uuid        primary key,
    tenant_id          uuid        not null references tenant (id),
    name               text        not null,
    description        text        not null default '',
    purpose_code       text        not null,
    legal_basis        text        not null,
    role               text        not null default 'CONTROLLER',
    subject_categories text[]      not null default '{}',
    data_categories    text[]      not null default '{}',
    recipients         text[]      not null default '{}',
    version            integer     not null default 1,
    created_at         timestamptz not null default now(),
    created_by         text        not null,
    updated_at         timestamptz not null default now(),
    updated_by         text        not null,
    constraint processing_activity_name_unique unique (tenant_id, name),
    constraint processing_activity_tenant_id unique (tenant_id, id),
    constraint processing_activity_legal_basis check (legal_basis in (
        'CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK', 'LEGITIMATE_INTERESTS')),
    constraint processing_activity_role check (role in ('CONTROLLER', 'JOINT_CONTROLLER', 'PROCESSOR'))
);

-- The systems an activity uses: a join table, so a system still in use cannot be deleted.
create table processing_activity_system (
    tenant_id   uuid not null references tenant (id),
    activity_id uuid not null,
    system_id   uuid not null,
    primary key (activity_id, system_id),
    constraint processing_activity_system_activity foreign key (tenant_id, activity_id)
        references processing_activity (tenant_id, id) on delete cascade,
    constraint processing_activity_system_system foreign key (tenant_id, system_id)
        references data_system (tenant_id, id)
);

create index processing_activity_system_system on processing_activity_system (tenant_id, system_id);

create table data_flow (
    id                  uuid        primary key,
    tenant_id           uuid        not null references tenant (id),
    name                text        not null,
    activity_id         uuid,
    from_system_id      uuid        not null,
    from_dataset_id     uuid,
    to_system_id        uuid,
    to_dataset_id       uuid,
    external_recipient  text,
    data_categories     text[]      not null default '{}',
    purpose_code        text,
    outside_eea         boolean     not null default false,
    destination_country text,
    safeguard           text,
    version             integer     not null default 1,
    created_at          timestamptz not null default now(),
    created_by          text        not null,
    updated_at          timestamptz not null default now(),
    updated_by          text        not null,
    constraint data_flow_name_unique unique (tenant_id, name),
    constraint data_flow_activity foreign key (tenant_id, activity_id) references processing_activity (tenant_id, id),
    constraint data_flow_from_system foreign key (tenant_id, from_system_id) references data_system (tenant_id, id),
    constraint data_flow_from_dataset foreign key (tenant_id, from_dataset_id) references dataset (tenant_id, id),
    constraint data_flow_to_system foreign key (tenant_id, to_system_id) references data_system (tenant_id, id),
    constraint data_flow_to_dataset foreign key (tenant_id, to_dataset_id) references dataset (tenant_id, id),
    constraint data_flow_destination check ((to_system_id is null) <> (external_recipient is null)),
    constraint data_flow_safeguard check (safeguard in (
        'ADEQUACY_DECISION', 'STANDARD_CONTRACTUAL_CLAUSES', 'BINDING_CORPORATE_RULES', 'CODE_OF_CONDUCT',
        'CERTIFICATION', 'DEROGATION')),
    constraint data_flow_transfer_safeguard check (not outside_eea or safeguard is not null)
);

create index data_flow_tenant on data_flow (tenant_id);

create table retention_policy (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenant (id),
    name          text        not null,
    dataset_id    uuid,
    data_category text,
    period        text        not null,
    clock_kind    text        not null default 'FIELD',
    clock         text        not null,
    action        text        not null default 'DELETE',
    schedule      text        not null default '0 0 3 * * *',
    enabled       boolean     not null default true,
    version       integer     not null default 1,
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    updated_at    timestamptz not null default now(),
    updated_by    text        not null,
    constraint retention_policy_name_unique unique (tenant_id, name),
    constraint retention_policy_dataset foreign key (tenant_id, dataset_id) references dataset (tenant_id, id),
    constraint retention_policy_target check ((dataset_id is null) <> (data_category is null)),
    constraint retention_policy_clock_kind check (clock_kind in ('FIELD', 'EVENT')),
    constraint retention_policy_action check (action in ('DELETE', 'ANONYMIZE'))
);

create index retention_policy_tenant on retention_policy (tenant_id);

-- A legal hold suspends retention deletes for what it covers until it is released or expires.
create table legal_hold (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenant (id),
    system_id     uuid,
    dataset_id    uuid,
    data_category text,
    reason        text        not null,
    placed_by     text        not null,
    held_until    timestamptz,
    released_at   timestamptz,
    version       integer     not null default 1,
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    updated_at    timestamptz not null default now(),
    updated_by    text        not null,
    constraint legal_hold_system foreign key (tenant_id, system_id) references data_system (tenant_id, id),
    constraint legal_hold_dataset foreign key (tenant_id, dataset_id) references dataset (tenant_id, id),
    constraint legal_hold_scope check (num_nonnulls(system_id, dataset_id, data_category) = 1)
);

create index legal_hold_tenant on legal_hold (tenant_id);
