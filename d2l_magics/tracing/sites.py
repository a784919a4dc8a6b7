"""The source of the recorder's site functions: one small function per shape of site, compiled
once and kept, with its operands as plain parameters and the operation inline.

A recorded operation through a method call costs an attribute lookup, the site record and the
operation passed as arguments and ``*args`` repacked; a generated site function has them bound,
so a run costs one Python call and the checks. ``record.py`` compiles these in its own namespace.
"""
from __future__ import annotations

_FACTORIES: dict = {}


def site_factory(key, source_of, namespace: dict, filename: str):
    """The factory ``(recorder, record) -> site function`` for ``key``, compiled on first use in
    ``namespace`` (the recorder's module: the code reads its array classes) under ``filename``."""
    factory = _FACTORIES.get(key)
    if factory is None:
        scope: dict[str, object] = {}
        exec(compile(source_of(*key[1:]), filename, "exec"), namespace, scope)
        factory = _FACTORIES[key] = scope["factory"]
    return factory


def _tuple_text(names) -> str:
    return "(" + "".join(f"{name}, " for name in names) + ")"


def call_source(positional: int, keywords: tuple, literal: bool, data_shaped: bool, method: str | None = None) -> str:
    """``call`` for one shape of call: its checks unrolled over the site's own parameters. With
    ``method``, the site takes the receiver and calls ``receiver.method(...)`` itself, as Python
    does, without making a bound method and asking it for ``__self__``; it is only for literal
    arguments, which cannot fail or change anything, so the lookup may come after them."""
    args = [f"a{i}" for i in range(positional)]
    values = [f"k{i}" for i in range(len(keywords))]
    arguments = ", ".join([*args, *(f"{name}={value}" for name, value in zip(keywords, values))])
    args_text = _tuple_text(args)
    kwargs_text = "{" + ", ".join(f"{name!r}: {value}" for name, value in zip(keywords, values)) + "}"
    # literal arguments are the same every run; others must be the very objects of the last run
    same = "".join(f" and {a} is {'(last := record.last_other)' if i == 0 else 'last'}[{i}]"
                   for i, a in enumerate(() if literal else args))
    shapes = "".join(f"""
            if type({a}) in ARRAY_CLASSES:
                key = (key, {a}.shape)
            else:
                plain = True""" for a in [*args, *values])
    needs_result = "True" if data_shaped else "key is None" if literal else "key is None or plain"
    # keyword values are not compared on the fast path: only literal ones (the same every run)
    remembers = "not needs_result and recorder.remember_operands" if literal or not keywords else "False"
    if method is None:
        callee, call = "f", f"f({arguments})"
        bound = "bound = f.__self__ if type(f) in BOUND_METHOD_CLASSES else None"
        failed = f'recorder._failed(error, record, getattr(f, "__self__", None), {args_text}, {kwargs_text})'
    else:
        callee, call, bound = "obj", f"obj.{method}({arguments})", "bound = obj"
        failed = f"recorder._failed_method(error, record, obj, {method!r}, {args_text}, {kwargs_text})"
    return _CALL_TEMPLATE.format(parameters=", ".join([callee, *args, *values, "/"]), call=call, bound=bound,
                                 failed=failed, args_text=args_text, kwargs_text=kwargs_text, same=same,
                                 shapes=shapes, needs_result=needs_result, remembers=remembers)


def operator_source(symbol: str) -> str:
    """``binary`` for one operator, done inline; an augmented one assigns and gives the new value."""
    operation = f"a {symbol} b\n            result = a" if symbol.endswith("=") and symbol not in COMPARED else \
        f"result = a {symbol} b"
    return _OPERATOR_TEMPLATE.format(operation=operation)


COMPARED = frozenset({"==", "!=", "<=", ">="})   # comparisons that end in ``=`` but assign nothing

# The generated code, filled in with ``str.format``.
_CALL_TEMPLATE = """
def factory(recorder, record):
    def site({parameters}):
        try:
            result = {call}
        except BaseException as error:
            {failed}
            raise
        try:
            {bound}
            if bound is record.last_operands{same}:
                record.last_sample.count += 1
                return result
            if type(bound) in ARRAY_CLASSES:
                key, receiver = bound.shape, bound
            else:
                key = receiver = None
            plain = False{shapes}
            needs_result = {needs_result}
            if needs_result:
                if type(result) in ARRAY_CLASSES:
                    key = (key, result.shape)
                elif key is None:
                    return result
                else:
                    key = (key, _result_shape(result))
            sample = record.get(key)
            if sample is None:
                sample = recorder._new(record, key, result, receiver, {args_text}, {kwargs_text})
            else:
                sample.count += 1
            if {remembers}:
                record.last_operands, record.last_other, record.last_sample = bound, {args_text}, sample
            return result
        except Exception:   # a tensor with no shape or storage (nested, sparse): nothing to record
            return result
    return site
"""

_OPERATOR_TEMPLATE = """
def factory(recorder, record):
    def site(a, b, /):
        try:
            {operation}
        except BaseException as error:
            recorder._failed(error, record, None, (a, b), {{}})
            raise
        try:
            if a is record.last_operands and b is record.last_other:
                record.last_sample.count += 1
                return result
            if type(a) in ARRAY_CLASSES:
                if type(b) in ARRAY_CLASSES:
                    key, needs_result = (a.shape, b.shape), False
                else:
                    key, needs_result = (a.shape, None), b.__class__ not in SCALAR_CLASSES
            elif type(b) in ARRAY_CLASSES:
                key, needs_result = (None, b.shape), a.__class__ not in SCALAR_CLASSES
            elif type(result) in ARRAY_CLASSES:
                key, needs_result = (None, None), True
            else:
                return result
            if needs_result:
                key = (key, _result_shape(result))
            sample = record.get(key)
            if sample is None:
                sample = recorder._new(record, key, result, None, (a, b), {{}})
            else:
                sample.count += 1
            if not needs_result and recorder.remember_operands:
                record.last_operands, record.last_other, record.last_sample = a, b, sample
            return result
        except Exception:   # a tensor with no shape or storage (nested, sparse): nothing to record
            return result
    return site
"""
