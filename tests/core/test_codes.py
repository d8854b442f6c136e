"""Query and one-time codes: six digits, and keyed hashes that differ by purpose (a letter's hash must not verify
an application's code with the same number)."""

from zhengtong.core.codes import keyed_hash, six_digits


def test_six_digits_are_six_digits():
    assert all(len(c) == 6 and c.isdigit() for c in (six_digits() for _ in range(200)))


def test_a_hash_is_stable_and_bound_to_its_purpose_and_the_secret_key(settings):
    before = keyed_hash("a:", "X1:123456")
    assert before == keyed_hash("a:", "X1:123456") and before != keyed_hash("b:", "X1:123456")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert keyed_hash("a:", "X1:123456") != before
