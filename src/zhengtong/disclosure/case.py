"""The disclosure request and the document under review as case types of the engine (cases/)."""

from zhengtong.cases.types import CaseType

REQUEST = CaseType(subject="disclosure.request")
DOCUMENT = CaseType(subject="disclosure.document")
