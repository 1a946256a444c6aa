-- Read-only direct access to the audit chain for auditors (optional). Run as lethe_owner after the
-- migrations, and again after an upgrade that adds audit tables; safe to run again:
--
--   psql -v ON_ERROR_STOP=1 -U lethe_owner -d lethe -f deploy/postgresql/auditor.sql
--
-- lethe_auditor reads under row-level security like the application: it names the tenant it audits
--
--   set lethe.tenant_id = '<tenant id>';
--   select seq, recorded_at, actor_kind, actor_id, action, target, details from audit_entry order by seq;
--
-- and sees nothing without it. The tenant is its choice, so this role is for the platform's auditors, not
-- for one tenant's. It reads the entries, the signed checkpoints and the public signing keys (never the
-- wrapped private keys), and changes nothing: no write grant, its sessions are read-only
-- (roles.sql), and the chain's triggers refuse changes from anyone.

grant select on audit_entry, audit_checkpoint to lethe_auditor;
grant select (key_id, public_key, created_at) on audit_signing_key to lethe_auditor;
grant select (id, slug, name) on tenant to lethe_auditor;
grant execute on function lethe_tenant() to lethe_auditor;
