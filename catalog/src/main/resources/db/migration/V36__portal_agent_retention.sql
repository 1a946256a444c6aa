-- An authorized agent's sealed name, authority and proof go with the subject's identities when Lethe's own
-- retention erases those (lethe.retention.own-request-identities after the request closed): the agent's row
-- is deleted in the same transaction (RequestStore#eraseClosedIdentities). The request's outcome, timeline
-- and receipt stay.
grant delete on portal_agent to lethe_app;
