"""What the public reads of a rectified 差评: the rating's comment and the rectification, masked together (a name the
comment gives is masked in the rectification too), with names in their prose read by the model (privacy/prose.py).
Made once, when the rectification is published, and kept (FollowUp.public_comment, public_rectification); offices'
own telephones and addresses are printed on purpose (org.selectors.public_contacts), as every publishing place
allows them."""

from __future__ import annotations

from zhengtong.org.selectors import public_contacts
from zhengtong.privacy import mask_together


def public_copy(comment: str, rectification: str) -> tuple[str, str]:
    masked_comment, masked_rectification = mask_together(
        [comment, rectification], allow=public_contacts(), read_prose=True
    )
    return masked_comment, masked_rectification
