-- An authorized agent's sealed details and proof (V35) take part in KEK rotation, as a request's subject
-- does: a rotation must not retire a KEK version that still wraps one of their data keys, and re-wraps them
-- under the new primary. Narrow security-definer functions see every tenant's wrapped keys and nothing else;
-- each re-wrap is a compare-and-set of one key.
create function lethe_portal_agent_kek_versions() returns setof integer
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select details_kek from portal_agent
union
select proof_kek from portal_agent where proof_kek is not null
$$;

create function lethe_portal_agent_wrapped_keys(primary_version integer, after_request uuid, max_rows integer)
    returns table (tenant_id uuid, request_id uuid, details_kek integer, details_key bytea,
                   proof_kek integer, proof_key bytea)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select a.tenant_id, a.request_id, a.details_kek, a.details_key, a.proof_kek, a.proof_key
  from portal_agent a
 where (a.details_kek <> primary_version or a.proof_kek <> primary_version)
   and (after_request is null or a.request_id > after_request)
 order by a.request_id
 limit max_rows
$$;

create function lethe_portal_agent_rewrap_details(
        tenant uuid, request uuid, old_wrapped bytea, old_version integer, wrapped bytea, new_version integer)
    returns boolean
    language plpgsql volatile security definer
    set search_path = public, pg_temp as
$$
begin
    update portal_agent
       set details_key = wrapped, details_kek = new_version
     where tenant_id = tenant and request_id = request
       and details_key = old_wrapped and details_kek = old_version;
    return found;
end
$$;

create function lethe_portal_agent_rewrap_proof(
        tenant uuid, request uuid, old_wrapped bytea, old_version integer, wrapped bytea, new_version integer)
    returns boolean
    language plpgsql volatile security definer
    set search_path = public, pg_temp as
$$
begin
    update portal_agent
       set proof_key = wrapped, proof_kek = new_version
     where tenant_id = tenant and request_id = request
       and proof_key = old_wrapped and proof_kek = old_version;
    return found;
end
$$;

revoke all on function lethe_portal_agent_kek_versions() from public;
revoke all on function lethe_portal_agent_wrapped_keys(integer, uuid, integer) from public;
revoke all on function lethe_portal_agent_rewrap_details(uuid, uuid, bytea, integer, bytea, integer) from public;
revoke all on function lethe_portal_agent_rewrap_proof(uuid, uuid, bytea, integer, bytea, integer) from public;
grant execute on function lethe_portal_agent_kek_versions() to lethe_app;
grant execute on function lethe_portal_agent_wrapped_keys(integer, uuid, integer) to lethe_app;
grant execute on function lethe_portal_agent_rewrap_details(uuid, uuid, bytea, integer, bytea, integer) to lethe_app;
grant execute on function lethe_portal_agent_rewrap_proof(uuid, uuid, bytea, integer, bytea, integer) to lethe_app;
