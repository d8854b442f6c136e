"""Model fields for personal data at rest (core/crypto.py): an encrypted text field, an encrypted JSON field (a
form's answers), and the blind index beside them, kept in step on every save."""

from __future__ import annotations

import json

from django.core.exceptions import FieldError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from . import crypto


class EncryptedTextField(models.TextField):
    """Stored as AES-GCM ciphertext; read back as the value. Equality look-ups go through its BlindIndexField."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else crypto.decrypt(value)

    def get_lookup(self, lookup_name):
        # The stored text is ciphertext: filtering on it would silently find nothing. Say so instead.
        if lookup_name != "isnull":
            raise FieldError(f"加密字段 {self.name} 不能按值查询：请用它的盲索引字段（crypto.blind_indexes）")
        return super().get_lookup(lookup_name)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)


class EncryptedJSONField(EncryptedTextField):
    """A JSON value stored as the ciphertext of its text: what a person types into a form (a name, a number, an
    address in any field) is as personal as the fields made for it. Read back as the value; not queryable by key.
    A value written before it was encrypted is plain JSON text, read as it is until rotated."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(crypto.decrypt(value))

    def to_python(self, value):
        # value_to_string writes JSON text, which deserialising gives back here
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), cls=DjangoJSONEncoder, ensure_ascii=False)


class BlindIndexField(models.CharField):
    """HMAC of another field's value, written whenever the model is saved (update_fields included: see
    `EncryptedModel`). Look up with `Model.objects.filter(<name>__in=crypto.blind_indexes(value))`: under every key,
    so rows not yet rotated are found too."""

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = crypto.blind_index(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def with_indexes(model, update_fields):
    """update_fields with the blind index of every named source added (a save of `mobile` alone must move
    `mobile_index` with it)."""
    if update_fields is None:
        return None
    names = set(update_fields)
    for field in model._meta.concrete_fields:
        if isinstance(field, BlindIndexField) and field.source in names:
            names.add(field.name)
    return names


class EncryptedModel(models.Model):
    """Base for a model with encrypted fields: keeps each blind index in every save."""

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=with_indexes(self, update_fields), **kwargs)


def encrypt_existing(model, fields: tuple[str, ...], batch: int = 2000) -> int:
    """Encrypt the values written before a field was encrypted and fill their blind indexes (a data migration's
    body, also the key rotation's: every row is written again under the current key). Returns the rows seen."""
    indexes = {
        f.source: f.name for f in model._meta.concrete_fields if isinstance(f, BlindIndexField) and f.source in fields
    }
    seen, last = 0, 0
    while True:
        with (
            transaction.atomic()
        ):  # each batch read under a row lock and written back: no change made meanwhile is lost
            rows = list(
                model.objects.select_for_update().filter(pk__gt=last).order_by("pk").values_list("pk", *fields)[:batch]
            )
            for pk, *values in rows:
                if all(value in ("", None) for value in values):
                    continue  # nothing to encrypt (most notes are empty): one statement saved per row
                changes = {}
                for name, value in zip(fields, values, strict=True):
                    changes[name] = value
                    if name in indexes:
                        changes[indexes[name]] = crypto.blind_index(value)
                model.objects.filter(pk=pk).update(**changes)
        if not rows:
            return seen
        seen += len(rows)
        last = rows[-1][0]


def decrypt_existing(model, fields: tuple[str, ...]) -> None:
    """Write each value back in clear (a data migration's reverse, run before its field stops being encrypted):
    rolled back without it, the older code would show ciphertext. Written with plain SQL, since saving through the
    field would encrypt it again."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = {name: model._meta.get_field(name) for name in fields}
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in columns.values())
    with transaction.atomic(), connection.cursor() as cursor:
        for pk, *values in model.objects.order_by("pk").values_list("pk", *fields).iterator(chunk_size=2000):
            plain = [
                json.dumps(v, cls=DjangoJSONEncoder, ensure_ascii=False) if isinstance(f, EncryptedJSONField) else v
                for f, v in zip(columns.values(), values, strict=True)
            ]
            cursor.execute(f"UPDATE {table} SET {assignments} WHERE id = %s", [*plain, pk])


def encrypting(app: str, model: str, fields: tuple[str, ...]):
    """The data migration that goes with making fields encrypted: the rows written before are encrypted, and a
    rollback writes them in clear again before the fields stop being encrypted."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        encrypt_existing(apps.get_model(app, model), fields)

    def backwards(apps, schema_editor):
        decrypt_existing(apps.get_model(app, model), fields)

    return migrations.RunPython(forwards, backwards)
