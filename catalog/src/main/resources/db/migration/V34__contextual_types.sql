-- The classifier finds more contextual personal data in free text (PiiType NATIONALITY, TITLE, DATE_TIME,
-- ZIP_CODE, DOMAIN_NAME, USERNAME): their data categories join the shipped taxonomy. RELIGION and
-- POLITICAL_GROUP map to the existing special.religious_beliefs and special.political_opinions.
insert into taxonomy_term (kind, code, parent_code, name, special) values
    ('DATA_CATEGORY', 'identity.nationality', 'identity', 'Nationality or citizenship', false),
    ('DATA_CATEGORY', 'identity.title', 'identity', 'Title or salutation', false),
    ('DATA_CATEGORY', 'identity.date_time', 'identity', 'Date or time in prose', false),
    ('DATA_CATEGORY', 'location.postal_code', 'location', 'Postal code', false),
    ('DATA_CATEGORY', 'online.domain', 'online', 'Domain name', false),
    ('DATA_CATEGORY', 'online.username', 'online', 'User name or handle', false)
on conflict do nothing;
