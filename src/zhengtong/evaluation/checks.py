"""Refuse to start with ranking weights that do not sum to 100 (a ranking would silently mean something else)."""

from django.core import checks

from zhengtong.core.errors import ZtError


@checks.register()
def ranking_weights(app_configs, **kwargs):
    from .rankings import weights

    try:
        weights()
    except ZtError as exc:
        return [checks.Error(str(exc.message), id="evaluation.E001", hint="EVALUATION_WEIGHTS")]
    return []
