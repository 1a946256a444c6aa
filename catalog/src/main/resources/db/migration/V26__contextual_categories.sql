-- The classifier finds places and organisations in free text (PiiType LOCATION, ORGANIZATION): their
-- data categories join the shipped taxonomy, so streams' policies and the catalog can name them.
insert into taxonomy_term (kind, code, parent_code, name, special) values
    ('DATA_CATEGORY', 'location.place', 'location', 'Place (city, region, country)', false),
    ('DATA_CATEGORY', 'identity.organization', 'identity', 'Organisation (employer, school, club)', false)
on conflict do nothing;
