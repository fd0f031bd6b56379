-- The node that holds a mail's lease, so that a node starting again takes back at once what its
-- predecessor had claimed when it died, instead of waiting for the lease to run out.
ALTER TABLE outbox ADD COLUMN lease_node TEXT;
