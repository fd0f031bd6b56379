-- The agents, listed on every agent's ticket page (to assign to): a small partial index instead
-- of reading every contact person (20,000 on a large portal) to find the few agents.
CREATE INDEX users_agents ON users (id) WHERE kind = 'agent';
