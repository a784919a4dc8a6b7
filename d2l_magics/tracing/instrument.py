"""Stage 1: rewrite a cell's AST so every operation that may touch an array goes through the recorder.

Each call, operator, comparison, subscript, augmented assignment and ``.T``/``.mT`` becomes a call
of one recorder method with a per-site integer id. Operands are evaluated once, in Python's own
order. The recorder is not a name in the learner's namespace: the rewritten code loads it as a
*constant*, planted into the compiled code objects (``code.replace(co_consts=...)``), so nothing
is added to the namespace and functions defined in the cell keep working after the trace ends.

The rewrite and compile make a ``Blueprint``: code objects holding placeholders, the cell's sites,
and a recipe per placeholder. Each run makes its own recorder, records and site functions from it,
so a cell traced again (a learner re-running it, a loop in a benchmark) is not rewritten again.
"""
from __future__ import annotations

import ast
import builtins
import io
import operator
import re
import secrets
from typing import TYPE_CHECKING, Any, NamedTuple

from .explain import tells_view
from .record import Recorder

if TYPE_CHECKING:
    from collections.abc import Callable

# Functions whose behaviour depends on the calling frame: wrapping them would read the recorder's
# frame instead of the learner's (``sys._getframe()``, ``inspect.currentframe()`` included).
# IPython's ``run_line_magic`` (``%time x = ...``) reads its caller's frame for the names to use.
FRAME_DEPENDENT = frozenset({"super", "locals", "globals", "vars", "dir", "eval", "exec", "breakpoint",
                             "_getframe", "currentframe", "getouterframes", "getframeinfo",
                             "run_line_magic", "run_cell_magic", "extract_stack", "format_stack", "print_stack"})
FRAME_DEPENDENT_CALLS = frozenset({"inspect.stack", "inspect.trace"})   # ``torch.stack`` is an operation
# Functions that take a sequence of arrays as one argument; their elements are operands.
SEQUENCE_FUNCTIONS = frozenset({"cat", "concat", "concatenate", "stack", "hstack", "vstack", "dstack",
                                "column_stack", "row_stack", "block", "broadcast_tensors", "broadcast_arrays"})
TRANSPOSE_ATTRIBUTES = frozenset({"T", "mT", "H", "mH"})
# Operations whose result's shape depends on the data, not only on the operands' shapes.
DATA_SHAPED = frozenset({"nonzero", "argwhere", "flatnonzero", "unique", "unique_consecutive", "masked_select",
                         "where", "extract", "compress", "trim_zeros", "nanquantile", "histogram", "bincount"})
# Methods and attributes that change an existing array's shape in place.
SHAPE_MUTATORS = frozenset({"resize", "resize_", "resize_as_", "squeeze_", "unsqueeze_", "t_", "transpose_",
                            "swapdims_", "swapaxes_", "as_strided_", "set_"})
SHAPE_ATTRIBUTES = frozenset({"shape", "data"})
# Builtins that always give a plain number (or raise), and operators that never fail on two numbers:
# ``float(a) + float(b)`` needs no recording, it has no array operand and raises nothing of its own.
NUMBER_FUNCTIONS = frozenset({"float", "int", "len", "bool"})
# an array of exactly one element, or they raise (an older NumPy gives ``bool`` of an empty one)
ONE_ELEMENT_FUNCTIONS = frozenset({"float", "int"})
NEVER_FAILING = frozenset({ast.Add, ast.Sub, ast.Mult})
# Nodes no visitor changes and whose children hold no operation: not walked into at all.
LEAVES = frozenset({ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.alias,
                    *ast.expr_context.__subclasses__(), *ast.operator.__subclasses__(),
                    *ast.unaryop.__subclasses__(), *ast.cmpop.__subclasses__(), *ast.boolop.__subclasses__()})

# The operators' symbols: the recorder's generated site functions do each one inline.
BINARY_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
                    ast.Pow: "**", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
                    ast.LShift: "<<", ast.RShift: ">>"}
COMPARISONS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
UNARY_OPERATORS = {ast.USub: ("-", operator.neg), ast.UAdd: ("+", operator.pos), ast.Invert: ("~", operator.invert)}


class Site(NamedTuple):
    """What the source says about one operation; the recorder adds what running it showed.
    A named tuple: one is made per operation in the cell, and a frozen dataclass costs ten
    times as much to make."""

    id: int
    form: str          # "call", "binop", "unary", "aug", "getitem", "setitem", "attr"
    line: int
    col: int
    op: str            # the learner's text for the whole operation
    name: str          # "sum" for X.sum(...), "torch.mv", "+", "[]", "T"
    receiver: str | None = None   # "X" in X.sum(...): the text before the method name
    labels: tuple = ()            # source text of each positional operand (None after a *starred)
    elements: tuple = ()          # source text of the elements of a literal sequence argument
    index: str | None = None      # type: ignore[assignment]  # the text inside [...]; shadows tuple.index, unused

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]


def _located(new, like):
    """``new`` at ``like``'s place in the source: ``ast.copy_location`` without its checks for
    attributes that every expression and statement here has."""
    new.lineno, new.col_offset, new.end_lineno, new.end_col_offset = \
        like.lineno, like.col_offset, like.end_lineno, like.end_col_offset
    return new


class _Constants:
    """Placeholders (unique strings) compiled in place of objects, swapped in after compiling. Each
    stands for a recipe: ``("recorder",)``, ``("record", i)``, ``("object", value)``, or a recorder
    method that makes site ``i``'s function, with its arguments (``("getitem_site", i)``)."""

    def __init__(self):
        self.recipes: dict[str, tuple] = {}
        self._keys: dict[tuple, str] = {}
        # a fresh random prefix per cell: no string the learner writes can be taken for a placeholder
        self._prefix = f"\0d2l-trace-{secrets.token_hex(16)}-"

    def node(self, recipe: tuple, like: ast.AST) -> ast.Constant:
        key = self._keys.get(recipe)
        if key is None:
            key = self._keys[recipe] = f"{self._prefix}{len(self.recipes)}"
            self.recipes[key] = recipe
        return _located(ast.Constant(key), like)


def plant(code, objects: dict, filename: str):
    """``code`` with every placeholder replaced by its object, nested code objects included, and
    named for ``filename`` (a cell traced again may come under a new name)."""
    consts = tuple(plant(c, objects, filename) if hasattr(c, "co_consts") else
                   objects.get(c, c) if type(c) is str else c for c in code.co_consts)
    return code.replace(co_consts=consts, co_filename=filename)


class Blueprint:
    """An instrumented, compiled cell, ready to run any number of times, each with a fresh recorder."""

    def __init__(self, compiled, sites: list, recipes: dict, changes_shapes_in_place: bool):
        self.compiled = compiled    # a CompiledCell of code objects that still hold the placeholders
        self.sites = sites          # (site, literal_arguments, data_shaped, tells_view) per site, by id
        self.recipes = recipes
        # whether the code may give an existing array a new shape (``a.resize_(...)``, ``a.shape = ...``):
        # then the recorder must not take an operand it saw before to have the same shape
        self.changes_shapes_in_place = changes_shapes_in_place

    def instance(self, filename: str):
        """The code to run under ``filename``, and the new recorder its planted constants call."""
        recorder = Recorder(remember_operands=not self.changes_shapes_in_place)
        records = [recorder.open(*site) for site in self.sites]
        objects = {key: _made(recipe, recorder, records) for key, recipe in self.recipes.items()}
        return self.compiled.replanted(filename, lambda code: plant(code, objects, filename)), recorder


def _made(recipe: tuple, recorder, records: list):
    kind = recipe[0]
    if kind == "recorder":
        return recorder
    if kind == "record":
        return records[recipe[1]]
    if kind == "object":
        return recipe[1]
    return getattr(recorder, kind)(records[recipe[1]], *recipe[2:])


class Instrumenter(ast.NodeTransformer):
    """Route each operation through a site function or ``recorder.<method>(site_record, ...)``,
    one record per site; ``sites`` and ``constants`` say how to make them (see ``Blueprint``)."""

    def __init__(self, source: str, number_functions=frozenset(), frame_readers=frozenset()):
        self.source = source
        # the names of NUMBER_FUNCTIONS that surely are the builtins here (see ``numeric_builtins``)
        self.number_functions = number_functions
        self.frame_readers = frame_readers   # the learner's functions that look at their caller's frame
        # each line as UTF-8 bytes (AST column offsets count bytes), split once: get_source_segment
        # splits the whole source again for every node, which made instrumenting quadratic
        self._lines = [line.encode() for line in io.StringIO(source, newline="").readlines()]
        self.constants = _Constants()
        self.sites: list[tuple] = []
        self._classes: list[str] = []   # names of the enclosing class statements, innermost last
        self.changes_shapes_in_place = False   # see Blueprint
        self._methods: dict[type, Callable[[ast.AST], Any]] = {}

    # -- the walk: NodeTransformer's, without its per-node string building and leaf visits ----

    def visit(self, node):
        method = self._methods.get(type(node))
        if method is None:
            method = self._methods[type(node)] = getattr(self, f"visit_{type(node).__name__}", self.generic_visit)
        return method(node)

    def generic_visit(self, node):
        for name in node._fields:
            value = getattr(node, name, None)
            if type(value) is list:
                value[:] = [self.visit(item) if isinstance(item, ast.AST) and type(item) not in LEAVES else item
                            for item in value]
            elif isinstance(value, ast.AST) and type(value) not in LEAVES:
                setattr(node, name, self.visit(value))
        return node

    # -- helpers ---------------------------------------------------------------------------

    def _text(self, node) -> str:
        """The learner's text for ``node``, as ``ast.get_source_segment`` gives it, in time linear in its length."""
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            return self._lines[first][node.col_offset:node.end_col_offset].decode()
        return (self._lines[first][node.col_offset:] + b"".join(self._lines[first + 1:last])
                + self._lines[last][:node.end_col_offset]).decode()

    def _site(self, node, form, name, literal_arguments=False, data_shaped=False, **fields):
        """A new site's id: each run's recorder opens a record for it, planted as a constant."""
        site = Site(len(self.sites), form, node.lineno, node.col_offset, self._text(node), name, **fields)
        self.sites.append((site, literal_arguments, data_shaped, tells_view(site)))
        return site.id

    def _record(self, node, method: str, record, args, keywords=()):
        recorder = _located(ast.Attribute(self.constants.node(("recorder",), node), method, ast.Load()), node)
        # Python reports a method call at the line where its attribute ends: the learner's first line
        recorder.end_lineno, recorder.end_col_offset = node.lineno, node.col_offset
        first = [self.constants.node(("record", record), node)] if record is not None else []
        call = ast.Call(recorder, [*first, *args], list(keywords))
        # only the new nodes get locations: fixing the whole subtree at every site made deep
        # expressions quadratic (compile_cell fills in anything left, once)
        return _located(call, node)

    def _site_call(self, node, function: tuple, args):
        """``function(*args)``: a site function the recorder makes for this one site (``function``
        is its recipe), planted as a constant."""
        return _located(ast.Call(self.constants.node(function, node), list(args), []), node)

    def _reads_callers_frame(self, func) -> bool:
        """Whether the function called looks at the frame that calls it: then the learner's frame must."""
        if isinstance(func, ast.Name):
            return func.id in FRAME_DEPENDENT or func.id in self.frame_readers
        if isinstance(func, ast.Attribute):
            return func.attr in FRAME_DEPENDENT or func.attr in ("stack", "trace") and \
                self._text(func) in FRAME_DEPENDENT_CALLS
        return False

    def _number(self, node) -> bool:
        """Whether ``node`` always gives a plain number: a number literal, ``float(...)``, ``len(...)``
        (the builtins), or ``+``, ``-``, ``*`` of such."""
        if isinstance(node, ast.Constant):
            return type(node.value) in (int, float, complex, bool)
        if isinstance(node, ast.Call):
            return isinstance(node.func, ast.Name) and node.func.id in self.number_functions
        return isinstance(node, ast.BinOp) and type(node.op) in NEVER_FAILING and \
            self._number(node.left) and self._number(node.right)

    def _index_value(self, node):
        """A subscript's index as an ordinary expression: ``a:b`` becomes ``slice(a, b)``."""
        if isinstance(node, ast.Slice):
            parts = [part or _located(ast.Constant(None), node) for part in (node.lower, node.upper, node.step)]
            make = ast.Attribute(self.constants.node(("recorder",), node), "make_slice", ast.Load())
            return _located(ast.Call(_located(make, node), parts, []), node)
        if isinstance(node, ast.Tuple) and any(isinstance(e, ast.Slice) for e in node.elts):
            return _located(ast.Tuple([self._index_value(e) for e in node.elts], ast.Load()), node)
        return node

    # -- calls -----------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call):
        # read before visiting: a visited ``-1`` is no longer a literal in the tree
        literal = all(_is_literal(arg) for arg in node.args) and all(_is_literal(k.value) for k in node.keywords)
        self.generic_visit(node)
        func = node.func
        if self._reads_callers_frame(func):
            return node
        labels, starred = [], False
        for arg in node.args:
            starred = starred or isinstance(arg, ast.Starred)
            labels.append(None if starred else self._text(arg))
        first = node.args[0] if node.args else None
        elements = tuple(self._text(e) for e in first.elts) if isinstance(first, (ast.Tuple, ast.List)) else ()
        name = self._text(func)
        receiver = self._text(func.value) if isinstance(func, ast.Attribute) else None
        short = func.attr if isinstance(func, ast.Attribute) else name
        method = "sequence" if short in SEQUENCE_FUNCTIONS else "call"
        site = self._site(node, "call", name, literal, short in DATA_SHAPED,
                          receiver=receiver, labels=tuple(labels), elements=elements)
        if method == "sequence" or starred or any(k.arg is None for k in node.keywords):
            return self._record(node, method, site, [func, *node.args], node.keywords)
        if isinstance(func, ast.Name) and func.id in self.number_functions and len(node.args) == 1 \
                and not node.keywords:   # ``float(x)``: the builtin, one operand, a number out
            return self._site_call(node, ("number_site", site, func.id in ONE_ELEMENT_FUNCTIONS), [func, *node.args])
        keywords = tuple(k.arg for k in node.keywords)
        values = [*node.args, *(k.value for k in node.keywords)]
        if literal and isinstance(func, ast.Attribute):   # literal arguments: the lookup may come after them
            recipe = ("method_site", site, self._mangled(func.attr), len(node.args), keywords)
            return self._site_call(node, recipe, [func.value, *values])
        return self._site_call(node, ("call_site", site, len(node.args), keywords), [func, *values])

    # -- operators -------------------------------------------------------------------------

    def visit_BinOp(self, node: ast.BinOp):
        if type(node.op) in NEVER_FAILING and self._number(node.left) and self._number(node.right):
            return self.generic_visit(node)   # ``float(a) + float(b)``: no array in, none out, no error
        self.generic_visit(node)
        symbol = BINARY_OPERATORS[type(node.op)]
        site = self._site(node, "binop", symbol, labels=(self._text(node.left), self._text(node.right)))
        return self._site_call(node, ("operator_site", site, symbol), [node.left, node.right])

    def visit_Compare(self, node: ast.Compare):
        self.generic_visit(node)
        if len(node.ops) != 1 or type(node.ops[0]) not in COMPARISONS:
            return node
        symbol = COMPARISONS[type(node.ops[0])]
        right = node.comparators[0]
        site = self._site(node, "binop", symbol, labels=(self._text(node.left), self._text(right)))
        return self._site_call(node, ("operator_site", site, symbol), [node.left, right])

    def visit_UnaryOp(self, node: ast.UnaryOp):
        self.generic_visit(node)
        if type(node.op) not in UNARY_OPERATORS or isinstance(node.operand, ast.Constant):
            return node   # ``-1`` is a literal number, not an operation on an array
        symbol, function = UNARY_OPERATORS[type(node.op)]
        site = self._site(node, "unary", symbol, labels=(self._text(node.operand),))
        return self._record(node, "unary", site, [self.constants.node(("object", function), node), node.operand])

    def visit_AugAssign(self, node: ast.AugAssign):
        """``t op= v`` keeps Python's order: the target's parts, its current value, then ``v``."""
        self.generic_visit(node)
        symbol = BINARY_OPERATORS[type(node.op)]
        target = node.target
        site = self._site(node, "aug", symbol + "=", labels=(self._text(target), self._text(node.value)))
        if isinstance(target, ast.Name):
            load = _located(ast.Name(target.id, ast.Load()), target)
            value = self._site_call(node, ("operator_site", site, symbol + "="), [load, node.value])
            return _located(ast.Assign([target], value), node)
        operation = self.constants.node(("operator_site", site, symbol + "="), node)
        if isinstance(target, ast.Attribute):
            # getattr sees no class: mangle as Python would
            name = _located(ast.Constant(self._mangled(target.attr)), target)
            pair = self._record(target, "current_attribute", None, [target.value, name])
            call = self._record(node, "augmented_attribute", None, [operation, pair, node.value])
        else:
            pair = self._record(target, "current_item", None, [target.value, self._index_value(target.slice)])
            call = self._record(node, "augmented_item", None, [operation, pair, node.value])
        return _located(ast.Expr(call), node)

    # -- subscripts and attributes ---------------------------------------------------------

    def visit_Subscript(self, node: ast.Subscript):
        literal = _is_literal(node.slice)   # read before visiting, as for a call
        self.generic_visit(node)
        if not isinstance(node.ctx, ast.Load):
            return node
        site = self._site(node, "getitem", "[]", literal, labels=(self._text(node.value),),
                          index=self._text(node.slice))
        return self._site_call(node, ("getitem_site", site), [node.value, self._index_value(node.slice)])

    def visit_Assign(self, node: ast.Assign):
        """``Z[i] = v`` (one target) records the write; ``v`` is still evaluated first."""
        self.generic_visit(node)
        if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Subscript):
            return node
        target = node.targets[0]
        site = self._site(node, "setitem", "[]=", labels=(self._text(target.value), self._text(node.value)),
                          index=self._text(target.slice))
        call = self._record(node, "setitem", site, [node.value, target.value, self._index_value(target.slice)])
        return _located(ast.Expr(call), node)

    def visit_Attribute(self, node: ast.Attribute):
        self.generic_visit(node)
        if node.attr in SHAPE_MUTATORS or node.attr in SHAPE_ATTRIBUTES and isinstance(node.ctx, ast.Store):
            self.changes_shapes_in_place = True
        if not isinstance(node.ctx, ast.Load) or node.attr not in TRANSPOSE_ATTRIBUTES:
            return node
        site = self._site(node, "attr", node.attr, labels=(self._text(node.value),))
        return self._record(node, "attribute", site, [node.value, _located(ast.Constant(node.attr), node)])

    def _mangled(self, name: str) -> str:
        """``__x`` inside ``class C`` is the attribute ``_C__x`` (CPython's private name mangling)."""
        owner = self._classes[-1].lstrip("_") if self._classes else ""
        if not owner or not name.startswith("__") or name.endswith("__") or "." in name:
            return name
        return f"_{owner}{name}"

    def visit_ClassDef(self, node: ast.ClassDef):
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.bases = [self.visit(b) for b in node.bases]
        node.keywords = [self.visit(k) for k in node.keywords]
        self._classes.append(node.name)
        try:
            node.body = [self.visit(stmt) for stmt in node.body]
        finally:
            self._classes.pop()
        return node

    # -- annotations are not run as code here: instrumented, they would show the recorder's code in
    # ``__annotations__`` under ``from __future__ import annotations``

    def visit_arg(self, node: ast.arg):
        return node

    def visit_FunctionDef(self, node):
        returns, node.returns = node.returns, None
        self.generic_visit(node)
        node.returns = returns
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node: ast.AnnAssign):
        node.target = self.visit(node.target)
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_match_case(self, node: ast.match_case):
        """Patterns are not expressions: only the guard and the body are instrumented."""
        if node.guard is not None:
            node.guard = self.visit(node.guard)
        node.body = [self.visit(stmt) for stmt in node.body]
        return node


def _is_literal(node) -> bool:
    """A constant the source spells out (``1``, ``-1``, ``(1, 2)``, ``True``): the same every run."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return _is_literal(node.operand)
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(_is_literal(e) for e in node.elts)
    return False


def numeric_builtins(source: str, namespace: dict) -> frozenset:
    """The names in NUMBER_FUNCTIONS that the cell calls as the builtins: not in the learner's
    namespace, not changed in ``builtins``, and written in the cell only as a call ``float(...)``
    (so never assigned, imported, defined or made a parameter there)."""
    rebound = {match.group(1) or match.group(2) for match in _REBINDABLE.finditer(source)}
    return frozenset(name for name in NUMBER_FUNCTIONS
                     if name not in namespace and name not in rebound and getattr(builtins, name) is _BUILTINS[name])


_BUILTINS = {name: getattr(builtins, name) for name in NUMBER_FUNCTIONS}
_NAMES = "|".join(NUMBER_FUNCTIONS)
# one of the names not followed by a call's ``(``, or after ``def``/``class``: one pass over the cell
_REBINDABLE = re.compile(rf"(?<![.\w])({_NAMES})\b(?!\s*\()|\b(?:def|class)\s+({_NAMES})\b")
