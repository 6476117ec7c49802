"""Citizen reception (tiếp công dân), petitions (đơn thư) and their statutory time limits.

Modules: ``deadlines`` (pure engine: pick a rule, count days), ``timing`` (which step's clock
runs for a petition, overdue, prolonged), ``workflow`` (the one table of transitions and the
actions), ``reference`` (holiday and rule tables, seeding), ``petitions`` and ``receptions``
(services), ``router`` and ``reference_router`` (HTTP), ``exports`` (CSV columns).

Decisions worth knowing:

- Due dates are never stored: each request loads the rule and holiday tables once
  (``reference.load_calendar``) and derives ``due_on``, ``overdue`` and ``prolonged`` for every
  row, so an admin's edit of a rule or a holiday applies at once. The ``overdue`` list filter
  therefore runs in Python over the candidate rows before paging (fine for a province's
  volume; a maintained column would be the next step if lists grow to tens of thousands).
- ``suspended`` is a status of its own (in_resolution → suspended → in_resolution), so the
  clock's state is visible and only a suspended petition can be resumed.
- Complaints without a resolution level are first-level; recommendations and feedback have one
  processing limit that runs from receipt until resolution.
- The audit log stores identity numbers masked (``api.audit.service.snapshot``): it is read by
  roles that may not see them.
"""
