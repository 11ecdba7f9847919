-- The latest change of one record type is read on every request (the version of the memberships,
-- the boundaries, the gazetteer): an index by type and sequence finds it at once instead of
-- reading every entry of that type.
CREATE INDEX change_log_type_seq ON change_log(record_type, seq);
