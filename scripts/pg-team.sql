-- salesgoal on PostgreSQL: roles and row-level security for a sales team.
-- Run as the role that owns the salesgoal schema (the role that opened the
-- database first; it created the schema). Owners bypass row-level security.
CREATE ROLE sg_managers NOLOGIN;
CREATE ROLE sg_head_of_sales LOGIN IN ROLE sg_managers;
CREATE ROLE sg_apac_china LOGIN IN ROLE sg_managers;
CREATE ROLE sg_emea LOGIN IN ROLE sg_managers;
GRANT USAGE ON SCHEMA salesgoal TO sg_managers;
GRANT SELECT ON salesgoal.store_version, salesgoal.snapshot_revision TO sg_managers;
GRANT SELECT, INSERT, UPDATE ON salesgoal.snapshot TO sg_managers;
GRANT SELECT, INSERT ON salesgoal.plan_access TO sg_managers;

-- Which units each role may use: units starting with unit_prefix ('' = all).
CREATE TABLE salesgoal.unit_scope (
  role_name name NOT NULL, unit_prefix text NOT NULL, may_write boolean NOT NULL,
  PRIMARY KEY (role_name, unit_prefix));
GRANT SELECT ON salesgoal.unit_scope TO sg_managers;
INSERT INTO salesgoal.unit_scope VALUES
  ('sg_apac_china', 'APAC/China/', true),
  ('sg_emea', 'EMEA/', true),
  ('sg_head_of_sales', '', false);

-- salesgoal asks these two before it reads or writes, to say why it was
-- refused; the policies below use them to enforce it.
CREATE OR REPLACE FUNCTION salesgoal.may_read(plan text, unit text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM salesgoal.unit_scope s
                 WHERE pg_has_role(current_user, s.role_name, 'MEMBER')
                   AND starts_with(unit, s.unit_prefix)) $$;
CREATE OR REPLACE FUNCTION salesgoal.may_write(plan text, unit text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM salesgoal.unit_scope s
                 WHERE pg_has_role(current_user, s.role_name, 'MEMBER') AND s.may_write
                   AND starts_with(unit, s.unit_prefix)) $$;

ALTER TABLE salesgoal.snapshot ENABLE ROW LEVEL SECURITY;
ALTER TABLE salesgoal.snapshot_revision ENABLE ROW LEVEL SECURITY;
CREATE POLICY sg_read ON salesgoal.snapshot FOR SELECT
  USING (salesgoal.may_read(plan, unit));
CREATE POLICY sg_add ON salesgoal.snapshot FOR INSERT
  WITH CHECK (salesgoal.may_write(plan, unit));
CREATE POLICY sg_change ON salesgoal.snapshot FOR UPDATE
  USING (salesgoal.may_write(plan, unit)) WITH CHECK (salesgoal.may_write(plan, unit));
CREATE POLICY sg_read ON salesgoal.snapshot_revision FOR SELECT
  USING (salesgoal.may_read(plan, unit));
