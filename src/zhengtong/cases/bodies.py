"""What each action's body may carry, for the OpenAPI schema: read from the action's own code, so that the schema
cannot drift from it. An action reads its parameters through core/params.py (`params.text(data, "note")`), in its
lambda or in a helper of its module (`_department(data, letter)`, `pairs(data, "row_filter")`); this module walks
that code's syntax tree, follows calls into the module's own functions (binding a name passed to them as a string)
and collects each parameter with the reader that takes it. A parameter whose name is computed (the hall's
`material_<id>` files, a service form's own fields, in `resubmit`) is not found here; the body's schema leaves
further properties open, as OpenAPI does by default.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
from collections.abc import Callable

from zhengtong.core import params

# The readers of core/params and what each takes, as JSON schema.
READERS: dict[str, Callable[[dict], dict]] = {
    "text": lambda kw: {"type": "string", "maxLength": kw.get("max_length", params.MAX_TEXT)},
    "lines": lambda kw: {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}],
        "description": "每行一项，或一个列表",
    },
    "flag": lambda kw: {"type": "boolean"},
    "identifier": lambda kw: {"type": "integer", "minimum": 1},
    "identifiers": lambda kw: {"type": "array", "items": {"type": "integer", "minimum": 1}},
    "whole_number": lambda kw: {
        "type": "integer",
        "minimum": kw.get("least", 0),
        "maximum": kw.get("maximum", 100_000),
    },
}


@functools.cache
def _module_tree(module_name: str) -> ast.Module:
    return ast.parse(inspect.getsource(sys.modules[module_name]))


def _node_of(fn) -> ast.AST | None:
    tree = _module_tree(fn.__module__)
    if fn.__name__ != "<lambda>":
        return next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == fn.__name__), None)
    line = fn.__code__.co_firstlineno
    return next((n for n in ast.walk(tree) if isinstance(n, ast.Lambda) and n.lineno == line), None)


def _constants(node: ast.Call) -> dict:
    return {k.arg: k.value.value for k in node.keywords if k.arg and isinstance(k.value, ast.Constant)}


def _strings(tree: ast.Module) -> dict[str, list[str]]:
    """The module's tuples of names (`REVIEW_POINTS = ("no_state_secret", ...)`), for a reader in a loop over one."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple | ast.List):
            items = [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(items) == len(node.value.elts):
                out.update({t.id: items for t in node.targets if isinstance(t, ast.Name)})
    return out


def _words(node: ast.AST, module_name: str) -> list[str]:
    """A choice's words: written out, or a tuple the module holds, its own or imported (`SPECIAL_PROCEDURES`),
    read from the module as it runs (an enum's members are their values)."""
    if isinstance(node, ast.Tuple | ast.List):
        return [e.value for e in node.elts if isinstance(e, ast.Constant)]
    path = []
    while isinstance(node, ast.Attribute):
        path.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return []
    found = getattr(sys.modules[module_name], node.id, None)
    for attr in reversed(path):
        found = getattr(found, attr, None)
    return [str(word) for word in found] if isinstance(found, tuple | list) else []


def _looped(node: ast.AST, tuples: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each loop variable of a comprehension over one of those tuples, with the names it takes."""
    out = {}
    for comp in (n for n in ast.walk(node) if isinstance(n, ast.comprehension)):
        if isinstance(comp.target, ast.Name) and isinstance(comp.iter, ast.Name) and comp.iter.id in tuples:
            out[comp.target.id] = tuples[comp.iter.id]
    return out


def _walk(node: ast.AST, module_name: str, bound: dict[str, str], found: dict, seen: set) -> None:
    tree = _module_tree(module_name)
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    tuples = _strings(tree)
    looped = _looped(node, tuples)
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        target = call.func
        name_arg = call.args[1] if len(call.args) > 1 else None
        names = []
        if isinstance(name_arg, ast.Constant) and isinstance(name_arg.value, str):
            names = [name_arg.value]
        elif isinstance(name_arg, ast.Name):
            names = [bound[name_arg.id]] if name_arg.id in bound else looped.get(name_arg.id, [])
        is_reader = isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
        if is_reader and target.value.id == "params" and target.attr == "choice" and len(call.args) > 2:
            enum = _words(call.args[2], module_name)
            for name in names:  # words it cannot read are left out: OpenAPI takes no empty enum
                found.setdefault(name, ({"type": "string", **({"enum": enum} if enum else {})}, True))
        elif is_reader and target.value.id == "params" and target.attr in READERS:
            kw = _constants(call)
            # a decision is refused unless given (unless a checkbox's); any other, where it says it is needed
            required = kw.get("required", True) if target.attr == "flag" else kw.get("needed", False)
            one_of = next((k.value for k in call.keywords if k.arg == "one_of"), None)
            enum = _words(one_of, module_name) if one_of is not None else []
            for name in names:
                found.setdefault(name, ({**READERS[target.attr](kw), **({"enum": enum} if enum else {})}, required))
        elif isinstance(target, ast.Name) and target.id in functions and target.id not in seen:
            helper = functions[target.id]
            names = [a.arg for a in helper.args.args]
            binding = {}
            for i, arg in enumerate(call.args):
                if i < len(names) and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    binding[names[i]] = arg.value
            _walk(helper, module_name, binding, found, seen | {target.id})


def parameters(perform) -> dict[str, tuple[dict, bool]]:
    """Each parameter an action reads: its JSON schema and whether it must be sent (a yes-or-no decision)."""
    fn = inspect.unwrap(perform)
    node = _node_of(fn)
    if node is None:
        return {}
    found: dict = {}
    _walk(node, fn.__module__, {}, found, set())
    return found


def body_schema(perform) -> dict:
    read = parameters(perform)
    required = [name for name, (_schema, must) in read.items() if must]
    return {
        "type": "object",
        "properties": {name: schema for name, (schema, _must) in read.items()},
        **({"required": required} if required else {}),  # OpenAPI takes no empty list here
    }


def every_body_schema(performs) -> dict:
    """One body for an endpoint that takes several actions at one path (the hall's earlier staff action endpoint):
    every parameter any of them reads, none marked required, since each action needs its own. A parameter two
    actions read differently (a refusal's `reason` a text, a special procedure's a code of 20 characters at most)
    is either."""
    read: dict[str, list[dict]] = {}
    for perform in performs:
        for name, schema in body_schema(perform)["properties"].items():
            if schema not in read.setdefault(name, []):
                read[name].append(schema)
    properties = {name: ways[0] if len(ways) == 1 else {"anyOf": ways} for name, ways in read.items()}
    return {"type": "object", "properties": properties}
