"""A learner's cell: parsed once, each statement's own text kept, compiled under the cell's filename.

Every magic runs learner code through here, so a traceback from instrumented or translated code
still shows the learner's own lines and line numbers, and a final expression's value comes back
the way IPython would show it.
"""
from __future__ import annotations

import ast
import io
import itertools
import linecache
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


@dataclass(frozen=True)
class CompiledCell:
    """The cell's body as one code object, and its final expression (if shown) as another."""

    body: object
    last_expression: object | None

    def run(self, namespace: dict):
        """Execute in ``namespace``; return the final expression's value, or None."""
        exec(self.body, namespace)
        if self.last_expression is None:
            return None
        return eval(self.last_expression, namespace)


def compile_cell(cell: Cell, tree: ast.Module | None = None) -> CompiledCell:
    """Compile ``tree`` (the cell's own, or an instrumented copy with the same statements)."""
    tree = tree or cell.tree
    body = list(tree.body)
    last = None
    if cell.shows_last_value and body and isinstance(body[-1], ast.Expr):
        last = _compile_located(ast.Expression(body.pop().value), cell.filename, "eval")
    return CompiledCell(_compile_located(ast.Module(body=body, type_ignores=[]), cell.filename, "exec"), last)


def _compile_located(tree, filename: str, mode: str):
    """Compile ``tree``; walk it to fill in missing locations only when compiling says some are missing
    (the walk costs more than compiling a long cell)."""
    try:
        return compile(tree, filename, mode, dont_inherit=True)
    except (TypeError, ValueError):
        return compile(ast.fix_missing_locations(tree), filename, mode, dont_inherit=True)


def compile_statement(statement: Statement | ast.stmt, filename: str):
    """Compile one statement on its own, keeping its line numbers; an expression evaluates."""
    node = statement.node if isinstance(statement, Statement) else statement
    if isinstance(node, ast.Expr):
        tree, mode = ast.Expression(node.value), "eval"
    else:
        tree, mode = ast.Module(body=[node], type_ignores=[]), "exec"
    return _compile_located(tree, filename, mode)


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
    reads, binds, calls_id, compares = [], [], False, False
    todo = [(node, False)]
    while todo:
        sub, nested = todo.pop()
        if isinstance(sub, (ast.Name, ast.Subscript, ast.Attribute, ast.Starred)):
            if isinstance(sub.ctx, ast.Load) and isinstance(sub, ast.Name):
                reads.append(sub.id)
            elif isinstance(sub.ctx, ast.Store) and not nested:
                root = sub
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
    assigned, read = set(), {}
    for names in analyses:
        for name in names.reads:
            if name not in assigned:
                read.setdefault(name, None)
        assigned.update(names.binds)
    return list(read)


def start_at_learner_frame(error: BaseException, filename: str) -> BaseException:
    """Drop the engine's own frames, so the learner's traceback starts at their cell's line."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    if tb is not None:
        error.__traceback__ = tb
    return error


def run_cell(source: str, namespace: dict, filename: str | None = None):
    """Run ``source`` in ``namespace`` as IPython would; return the final expression's value."""
    cell = parse_cell(source, filename)
    return compile_cell(cell).run(namespace)
