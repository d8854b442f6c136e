"""The case engine: what every case type (an application, a disclosure request, a letter, ...) shares.

A domain declares its case type (`types.CaseType`); the engine gives it the state guard, the audited refusal,
the row lock and the public status lookup by number and query code, once. It sits between the domains and the
engines below them (docs/architecture.md).
"""
