-- A task remembers what its policy's clock was when the run was planned: FIELD (each record's own clock value)
-- or EVENT (the subject's last activity: a record expires when the newest activity of its subject, across the
-- policy's datasets, is before the cutoff). An attempt then purges what was planned, even if the policy changed.
alter table retention_run_task
    add column clock_kind text not null default 'FIELD',
    add constraint retention_run_task_clock_kind check (clock_kind in ('FIELD', 'EVENT'));
