from .catalogue import DataType, OpenClass, Register, Resource, ResourceItem, ResourceVersion, ShareClass, ShareMethod
from .exchange import ExchangeBatch, ExchangeEntry
from .grants import Grant, ShareRequest
from .opendata import Dataset, DatasetFile, DatasetRow, Group, Tag
from .registers import EconomicIndicator, GeoArea, LegalPerson, Licence, Person

__all__ = [
    "DataType",
    "Dataset",
    "DatasetFile",
    "DatasetRow",
    "EconomicIndicator",
    "ExchangeBatch",
    "ExchangeEntry",
    "GeoArea",
    "Grant",
    "Group",
    "LegalPerson",
    "Licence",
    "OpenClass",
    "Person",
    "Register",
    "Resource",
    "ResourceItem",
    "ResourceVersion",
    "ShareClass",
    "ShareMethod",
    "ShareRequest",
    "Tag",
]
