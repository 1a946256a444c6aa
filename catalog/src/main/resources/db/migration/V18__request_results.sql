-- What a request did in each system, kept for its receipt and for people: the system's own report of
-- what it erased, exported or corrected (dataset and field names, counts, retain reasons), and the
-- verification after an erasure (what is left, and whether on purpose). Never personal data.
alter table request_system
    add column outcome      jsonb,
    add column verification jsonb;
