"""A learner's cell: parsed once, each statement's own text kept, compiled under the cell's filename.

Every magic runs learner code through here, so a traceback from instrumented or translated code
still shows the learner's own lines and line numbers, and a final expression's value comes back
the way IPython would show it.
"""
from __future__ import annotations
import __future__

import ast
import contextlib
import contextvars
import functools
import gc
import io
import itertools
import linecache
import operator
import os
import tokenize
from dataclasses import dataclass, field

_cell_numbers = itertools.count(1)


def register_source(source: str, stem: str = "d2l-cell") -> str:
    """Give ``source`` a filename that tracebacks can read, as IPython does for its own cells.

    The magics pass IPython's own filename (``shell.compile.cache``) instead; this is for the
    Python API used outside IPython.
    """
    filename = f"<{stem}-{next(_cell_numbers)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    return filename


@dataclass(frozen=True)
class Statement:
    """One top-level statement and the exact text the learner wrote for it."""

    node: ast.stmt
    source: str

    @property
    def lineno(self) -> int:
        return self.node.lineno

    @property
    def is_expression(self) -> bool:
        return isinstance(self.node, ast.Expr)


@dataclass(frozen=True)
class Cell:
    source: str
    filename: str
    tree: ast.Module = field(repr=False)
    statements: tuple[Statement, ...]
    shows_last_value: bool
    """True when the last statement is an expression not silenced by a trailing ``;``."""


def statement_sources(source: str, tree: ast.Module) -> list[str]:
    """Each top-level statement's exact text: ``ast.get_source_segment`` without splitting the
    whole cell again for every statement (it did, and it dominated parsing)."""
    lines = io.StringIO(source, newline="").readlines()  # splits where Python's tokenizer does
    segments = []
    for node in tree.body:
        assert node.end_lineno is not None  # ast.parse gives every node its end too
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            text = lines[first].encode()[node.col_offset:node.end_col_offset].decode()
        else:
            text = (lines[first].encode()[node.col_offset:].decode() + "".join(lines[first + 1:last])
                    + lines[last].encode()[:node.end_col_offset].decode())
        segments.append(text)
    return segments


def parse_cell(source: str, filename: str | None = None) -> Cell:
    """Parse ``source``; a syntax error is Python's own, pointing at the learner's line."""
    filename = filename or register_source(source)
    tree = ast.parse(source, filename)
    statements = tuple(Statement(node, text) for node, text in zip(tree.body, statement_sources(source, tree)))
    shows_last_value = bool(statements) and statements[-1].is_expression and not _ends_with_semicolon(source)
    return Cell(source, filename, tree, statements, shows_last_value)


_NOT_CODE = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER,
             tokenize.INDENT, tokenize.DEDENT}


def _ends_with_semicolon(source: str) -> bool:
    """IPython's rule for a silenced last line: its last token, comments aside, is ``;``."""
    last = None
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in _NOT_CODE:
            last = token
    return last is not None and last.type == tokenize.OP and last.string == ";"


class StatementCompiler:
    """Compiles a cell one top-level statement at a time, as IPython does: a ``__future__`` import
    holds for the statements after it (``from __future__ import annotations`` late in a cell), and
    ``x = 1`` then ``global x`` is two statements, not one scope."""

    def __init__(self, filename: str, flags: int = 0):
        self.filename = filename
        self.flags = flags | future_flags()

    def __call__(self, node: ast.stmt, evaluate: bool = False):
        """``node`` as a code object; ``evaluate``: an expression statement that gives its value."""
        tree: ast.Expression | ast.Module
        if evaluate and isinstance(node, ast.Expr):
            tree, mode = ast.Expression(node.value), "eval"
        else:
            tree, mode = ast.Module(body=[node], type_ignores=[]), "exec"
        try:  # a parsed statement has every location already; walking it again costs more than compiling
            code = compile(tree, self.filename, mode, self.flags, dont_inherit=True)
        except (TypeError, ValueError):  # a synthesized node without locations
            code = compile(ast.fix_missing_locations(tree), self.filename, mode, self.flags, dont_inherit=True)
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            self.flags |= code.co_flags & _FUTURE_FLAGS
            if _session_future.get() is not None:   # a magic's cell: the session keeps it
                _session_future.set(future_flags() | self.flags & _FUTURE_FLAGS)
        return code


_FUTURE_FLAGS = functools.reduce(operator.or_, (getattr(__future__, name).compiler_flag
                                                for name in __future__.all_feature_names), 0)
# The ``__future__`` features of the session the running cell belongs to (see ``session_future_imports``).
_session_future: contextvars.ContextVar[int | None] = contextvars.ContextVar("session_future", default=None)


def future_flags() -> int:
    """The session's ``__future__`` compiler flags now: part of the key of any code kept for reuse."""
    return _session_future.get() or 0


@contextlib.contextmanager
def session_future_imports(compiler):
    """Compile the block's cells under the ``__future__`` imports of the cells before them, and
    hand the ones they make back, as one session: IPython keeps them in ``compiler.flags``
    (``shell.compile``), and a plain cell after a magic's cell inherits them too."""
    token = _session_future.set(compiler.flags & _FUTURE_FLAGS)
    try:
        yield
    finally:
        compiler.flags |= future_flags()
        _session_future.reset(token)


class CompiledCell:
    """A cell ready to run statement by statement, each compiled just before it runs, as IPython
    does: a top-level ``return`` fails where IPython fails, after the statements before it ran.
    ``finish`` is applied to each code object (the tracer plants its constants there)."""

    def __init__(self, cell: Cell, tree: ast.Module | None = None, finish=None, shows_last_value=None):
        self.filename = cell.filename
        self.body = list((tree or cell.tree).body)
        self.shows_last_value = cell.shows_last_value if shows_last_value is None else shows_last_value
        self.finish = finish
        self._codes: list = []  # compiled so far: a cached cell (a translation) compiles once
        self._flags = 0  # the __future__ flags after the statements compiled so far

    def codes(self):
        """(code, gives_value) per statement, in order; compiled lazily, then kept."""
        yield from self._codes
        compiler = StatementCompiler(self.filename, self._flags)
        for index in range(len(self._codes), len(self.body)):
            node = self.body[index]
            gives_value = self.shows_last_value and index == len(self.body) - 1 and isinstance(node, ast.Expr)
            code = compiler(node, evaluate=gives_value)
            if self.finish is not None:
                code = self.finish(code)
            self._flags = compiler.flags
            self._codes.append((code, gives_value))
            yield code, gives_value

    def compile_all(self) -> bool:
        """Compile every statement now, then drop the syntax tree (kept alive, its nodes would cost
        the collector); False when one is a SyntaxError, raised again when that statement runs."""
        try:
            for _ in self.codes():
                pass
        except SyntaxError:
            return False
        self.body = []
        return True

    def replanted(self, filename: str, finish) -> CompiledCell:
        """A copy under ``filename`` whose code objects, those compiled so far and any compiled
        later, go through ``finish``: the tracer runs one compiled cell again with fresh constants."""
        copy = CompiledCell.__new__(CompiledCell)
        copy.__dict__.update(self.__dict__)
        copy.filename, copy.finish = filename, finish
        copy._codes = [(finish(code), gives_value) for code, gives_value in self._codes]
        return copy

    def run(self, namespace: dict):
        """Execute in ``namespace``; return the final expression's value, or None."""
        value = None
        for code, gives_value in self.codes():
            if gives_value:
                value = eval(code, namespace)
            else:
                exec(code, namespace)
        return value


def compile_cell(cell: Cell, tree: ast.Module | None = None, finish=None,
                 shows_last_value: bool | None = None) -> CompiledCell:
    """``tree`` (the cell's own, or an instrumented copy with the same statements), ready to run."""
    return CompiledCell(cell, tree, finish, shows_last_value)


def compile_statement(statement: Statement | ast.stmt, filename: str):
    """One statement compiled on its own, keeping its line numbers; an expression evaluates."""
    node = statement.node if isinstance(statement, Statement) else statement
    return StatementCompiler(filename)(node, evaluate=True)


def awaits_at_top_level(tree: ast.Module) -> bool:
    """``await x``, ``async for`` or ``async with`` outside any function: IPython's autoawait."""
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            return True
        if isinstance(node, ast.comprehension) and node.is_async:
            return True
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))
    return False


# -- which names a statement reads and binds (shared by compare and the gradient check) ------

_NEW_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
               ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass(frozen=True)
class StatementNames:
    """What one statement reads and binds, worked out once per statement."""

    reads: tuple[str, ...]  # names loaded (``W += 1`` loads ``W`` too)
    binds: tuple[str, ...]  # names assigned or changed in place (``X[0] = 1`` changes ``X``)
    asks_identity: bool
    """``before = id(y)``: ids differ between any two objects, so only comparing them
    (``id(y) == before``) means something; compare does not compare such a statement."""


def statement_names(node: ast.stmt) -> StatementNames:
    """One pass over the statement; names bound inside nested functions, classes or
    comprehensions are theirs, not the cell's, but names they read are read from the cell."""
    reads: list[str] = []
    binds: list[str] = []
    calls_id, compares = False, False
    todo: list[tuple[ast.AST, bool]] = [(node, False)]
    while todo:
        sub, nested = todo.pop()
        if isinstance(sub, (ast.Name, ast.Subscript, ast.Attribute, ast.Starred)):
            if isinstance(sub.ctx, ast.Load) and isinstance(sub, ast.Name):
                reads.append(sub.id)
            elif isinstance(sub.ctx, ast.Store) and not nested:
                root: ast.expr = sub
                while isinstance(root, (ast.Subscript, ast.Attribute, ast.Starred)):
                    root = root.value
                if isinstance(root, ast.Name):
                    binds.append(root.id)
        elif isinstance(sub, ast.AugAssign) and isinstance(sub.target, ast.Name):
            reads.append(sub.target.id)
        elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == "id":
            calls_id = True
        elif isinstance(sub, ast.Compare):
            compares = True
        inner = nested or (sub is not node and isinstance(sub, _NEW_SCOPES))
        todo.extend((child, inner) for child in reversed(list(ast.iter_child_nodes(sub))))
    return StatementNames(tuple(dict.fromkeys(reads)), tuple(dict.fromkeys(binds)), calls_id and not compares)


def names_read_first(analyses) -> list[str]:
    """Names the cell reads before assigning them itself."""
    assigned: set[str] = set()
    read: dict[str, None] = {}  # a dict keeps the order names are first read in
    for names in analyses:
        for name in names.reads:
            if name not in assigned:
                read.setdefault(name, None)
        assigned.update(names.binds)
    return list(read)


# -- the learner's exception, as plain IPython would show it -----------------------------------

_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _is_ours(filename: str) -> bool:
    return filename.startswith(_PACKAGE)


def is_cell_file(filename: str) -> bool:
    """A cell's code (IPython's or ``register_source``'s): its text lives only in linecache."""
    entry = linecache.cache.get(filename)
    return entry is not None and len(entry) == 4 and entry[1] is None


def start_at_learner_frame(error: BaseException, filename: str) -> BaseException:
    """The one traceback trimmer: the learner's traceback starts at their cell's line, and the
    extension's own frames inside it (recording wrappers, the tracer) are spliced out, in the
    exceptions it was raised from too. A syntax error in the cell itself keeps no frames at all:
    it is Python's own, at the learner's line."""
    chain: dict[int, BaseException] = {}
    todo: list[BaseException | None] = [error]
    while todo:
        exception = todo.pop()
        if exception is not None and id(exception) not in chain:
            chain[id(exception)] = exception
            todo += [exception.__cause__, exception.__context__]
    for exception in chain.values():
        _trim(exception, filename)
    return error


def _trim(error: BaseException, filename: str) -> None:
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    if tb is None:
        if isinstance(error, SyntaxError) and error.filename == filename:
            error.__traceback__ = None
        return
    error.__traceback__ = tb
    while tb.tb_next is not None:
        if _is_ours(tb.tb_next.tb_frame.f_code.co_filename):
            tb.tb_next = tb.tb_next.tb_next
        else:
            tb = tb.tb_next


def fold_library_frames(error: BaseException) -> int:
    """Cut the frames below the learner's last one (torch's internals, once explained); how many."""
    tb, last = error.__traceback__, None
    while tb is not None:
        if is_cell_file(tb.tb_frame.f_code.co_filename):
            last = tb
        tb = tb.tb_next
    if last is None:
        return 0
    folded, tb = 0, last.tb_next
    while tb is not None:
        folded, tb = folded + 1, tb.tb_next
    last.tb_next = None
    return folded


def exception_text(error: BaseException) -> str:
    """``str(error)``, even for an exception whose ``__str__`` raises (Python's placeholder then):
    describing the learner's exception must never replace it with one of ours."""
    try:
        return str(error)
    except Exception:  # noqa: BLE001 - any failure of the learner's __str__
        return "<exception str() failed>"  # what Python's own traceback prints


@contextlib.contextmanager
def patched(owner, name: str, replacement):
    """``owner.name`` is ``replacement`` while the block runs. Afterwards the owner is as it was (an
    inherited attribute is inherited again) only where the cell left ours in place: a cell's own
    patch (``torch.randn = ...``) stays, as it would without the magic."""
    own = vars(owner).get(name, _NOT_OWN)
    setattr(owner, name, replacement)
    try:
        yield
    finally:
        if vars(owner).get(name) is replacement:
            if own is _NOT_OWN:
                delattr(owner, name)
            else:
                setattr(owner, name, own)


_NOT_OWN = object()


def run_cell(source: str, namespace: dict, filename: str | None = None):
    """Run ``source`` in ``namespace`` as IPython would; return the final expression's value."""
    cell = parse_cell(source, filename)
    return compile_cell(cell).run(namespace)


def dotted(node: ast.expr) -> str | None:
    """``torch.linalg.norm`` for that attribute chain; None when it does not start at a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


@contextlib.contextmanager
def collector_paused():
    """No garbage collection while the extension parses, rewrites or reports: that work makes only
    new objects, in no cycle, and a collection there walks every object of torch and the learner's
    session, which costs more than all the rest. The learner's own code runs with it on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
