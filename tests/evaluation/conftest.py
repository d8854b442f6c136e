from ..approvals.conftest import form_data, item, uploads  # noqa: F401 — the hall's fixtures, for its applications
