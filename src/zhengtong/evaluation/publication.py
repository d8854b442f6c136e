"""What others read of a rater's words, masked once and kept, with names in their prose read by the model
(privacy/prose.py), too slow to mask on each view:
- a rating's comment and its later addition, masked together when said (Rating.public_comment, public_addition):
  the public reads praise on a staff profile, and the rated department the words of a 差评, never their writer;
- a rectified 差评: the comment and the rectification, masked together (a name the comment gives is masked in the
  rectification too), when the rectification is published (FollowUp.public_comment, public_rectification).
Offices' own telephones and addresses are printed on purpose (org.selectors.public_contacts), as every publishing
place allows them."""

from __future__ import annotations

from zhengtong.org.selectors import public_contacts
from zhengtong.privacy import mask_together


def public_copy(*texts: str) -> list[str]:
    """The parts of one of them (a comment and its addition; a comment and its rectification) as others read them."""
    return mask_together(list(texts), allow=public_contacts(), read_prose=True)
