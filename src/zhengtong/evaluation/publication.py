"""What the public reads of a rectified 差评: the rating's comment and the rectification, masked together (a name the
comment gives is masked in the rectification too), with names in their prose read by the model (privacy/prose.py).
Made once, when the rectification is published, and kept (FollowUp.public_comment, public_rectification); the
department's own telephone and address are printed on purpose, as every publishing place allows them."""

from __future__ import annotations

from zhengtong.privacy import mask_together


def public_copy(comment: str, rectification: str, *, allow: set[str]) -> tuple[str, str]:
    """`allow`: the rated department's own contacts (Department.own_contacts)."""
    masked_comment, masked_rectification = mask_together([comment, rectification], allow=allow, read_prose=True)
    return masked_comment, masked_rectification
