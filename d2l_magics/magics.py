"""The IPython glue: parse options, take the user namespace, call one engine, show the report.

Only this module, ``explain_hook.py`` and ``render/widgets.py`` import IPython or ipywidgets.
Each magic stays thin; everything it shows comes from an engine's report.
"""
from __future__ import annotations

import ast
import os
import re
from typing import TYPE_CHECKING, Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import display
from traitlets import Bool, TraitError, Unicode, observe, validate

from . import messages
from .cell import (
    StatementCompiler,
    awaits_at_top_level,
    fold_library_frames,
    session_future_imports,
    start_at_learner_frame,
)

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell

# Cell magics that raise the learner's exceptions (``%%exercise`` judges a syntax error instead).
RAISING_CELL_MAGICS = ("compare_np", "shape_trace", "grad")
_CELL_MAGIC_CALL = "get_ipython().run_cell_magic("
# Cell texts known to compile (compiling does not depend on the session: ``dont_inherit``), the
# oldest dropped first.
_COMPILABLE: dict[str, None] = {}
MAX_COMPILABLE = 64


def _awaits(source: str, tree: ast.Module | None) -> bool:
    return tree is not None and ("await" in source or "async" in source) and awaits_at_top_level(tree)


def _shared_options(help: str):
    """The ``-o NAME`` and ``--lang LANG`` options every magic takes, listed last in its help."""

    def decorate(func):
        func = argument("--lang", default=None, metavar="LANG", help="language: en or zh / 语言：en 或 zh")(func)
        return argument("-o", dest="output", default=None, metavar="NAME", help=help)(func)
    return decorate


# The options %shape_trace takes before the code on its line (code never starts with these words).
_LINE_OPTIONS = re.compile(r"\s*((?:(?:--all|-o\s+\w+|--lang(?:=|\s+)\w+)(?:\s+|$))*)(.*)", re.DOTALL)
_TRACE_LINE_CALL = "get_ipython().run_line_magic('shape_trace', "


def _plain_if_uncompilable(line: str) -> str:
    """A line with ``%shape_trace CODE`` (IPython has made it a call) whose code Python cannot
    compile: the call replaced by the code, so the SyntaxError is Python's own, at the learner's line."""
    indent = len(line) - len(line.lstrip())
    statement = line[indent:].encode()   # AST columns count UTF-8 bytes
    try:
        tree = ast.parse(statement)
    except SyntaxError:
        return line
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and
                node.func.attr == "run_line_magic"):
            continue
        texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        if len(texts) == len(node.args) == 2 and texts[0] == "shape_trace":
            matched = _LINE_OPTIONS.match(texts[1])
            assert matched is not None  # every part of the pattern is optional: it matches any line
            code = matched.group(2)
            try:
                compile(code, "<line>", "exec", dont_inherit=True)
            except SyntaxError:
                before, after = statement[:node.col_offset].decode(), statement[node.end_col_offset:].decode()
                return line[:indent] + before + code + after
    return line


@magics_class
class D2LMagics(Magics):
    """Magics for learning PyTorch by analogy with NumPy."""

    # IPython sets the trait before any magic runs (the extension is loaded into a shell); an
    # annotation only, so the trait itself is untouched at run time.
    shell: InteractiveShell

    language = Unicode(messages.DEFAULT_LANGUAGE,
                       help="Language of every sentence the magics say: 'en' or 'zh'.").tag(config=True)

    explain_errors = Bool(False, help="Explain a shape error in any cell above its traceback "
                                      "(what %shape_explain on|off switches).").tag(config=True)

    @validate("language")
    def _check_language(self, proposal):
        try:
            lang = messages.normalize_language(proposal["value"])
        except ValueError as error:
            raise TraitError(str(error)) from None
        messages.set_language(lang)
        return lang

    # -- shared plumbing -------------------------------------------------------------------

    def _parse(self, func, line: str):
        """Parse ``line`` with ``func``'s @magic_arguments; a mistake is a one-line UsageError."""
        try:
            return parse_argstring(func, line)
        except UsageError as error:
            raise UsageError(messages.say("common.usage.bad_options", error=error, magic=func.__name__)) from None
        except ValueError as error:  # shlex: an unclosed quote
            raise UsageError(messages.say("common.usage.unreadable_options", error=error)) from None

    def _speaking(self, args):
        """The language for this call: ``--lang`` if given, else the session's setting."""
        lang = getattr(args, "lang", None)
        if lang:
            try:
                messages.normalize_language(lang)
            except ValueError:
                raise UsageError(messages.say("common.usage.unknown_language", name=lang,
                                              choices=", ".join(messages.LANGUAGES))) from None
        return messages.use_language(lang)

    def _cell_filename(self, source: str, raw: str | None = None) -> str:
        """Register ``source`` with IPython so tracebacks show the learner's own lines, labelled with
        the running cell's number (IPython 9 has already advanced ``execution_count`` by then)."""
        running = getattr(self.shell.displayhook, "exec_result", None)
        number = getattr(running, "execution_count", None) or self.shell.execution_count
        return self.shell.compile.cache(source, number, raw_code=raw)

    def _learner_code(self, code: str | None, magic: str, required: bool = True) -> tuple[str, str]:
        """(source, filename): the code as plain IPython would run it, its own syntax (``!ls``,
        ``y = !ls``, ``%time``, ``x?``) transformed, and registered under its own filename.
        Top-level ``await`` is refused before anything runs: the magics have no event loop."""
        if required and (code is None or not code.strip()):
            raise UsageError(messages.say("common.usage.empty_cell", magic=magic))
        assert code is not None  # every caller passes a cell; required=False only lets it be blank
        source, tree = self._transformed(code)
        self.__dict__.pop("_last_transformed")  # used once: the next cell is transformed afresh
        if _awaits(source, tree):  # a syntax error is raised by the engine, as the learner's own
            raise UsageError(messages.say("common.usage.top_level_await", magic=magic))
        return source, self._cell_filename(source, code)

    def _transformed(self, code: str) -> tuple[str, ast.Module | None]:
        """``code`` through IPython's transforms, and its tree (None: a syntax error). Kept for the
        last cell: the input transformer below and then the magic both ask, and a long cell's
        tokenizing and parsing cost more than tracing it."""
        kept = self.__dict__.get("_last_transformed")
        if kept is None or kept[0] != code:
            source = self.shell.transform_cell(code)
            try:
                tree = ast.parse(source)
            except SyntaxError:
                tree = None
            kept = self.__dict__["_last_transformed"] = (code, source, tree)
        return kept[1], kept[2]

    def _run(self, engine, learner_file: str, /, *args, **kwargs):
        """Call ``engine`` under the session's ``__future__`` imports. Whatever leaves it
        (KeyboardInterrupt, SystemExit, a syntax error in the cell) leaves as the learner's own
        exception, without the extension's frames."""
        __tracebackhide__ = True
        try:
            with session_future_imports(self.shell.compile):
                return engine(*args, **kwargs)
        except BaseException as error:
            raise start_at_learner_frame(error, learner_file)  # noqa: B904 - the same exception, its cause kept

    def _show(self, report, output: str | None, value=None, shown: bool = True, explained: bool = False):
        """The tail every magic shares: display the report, bind it to ``-o NAME``, then raise the
        learner's exception unchanged or return the cell's value. Once ``explained``, the library
        frames below the learner's own fold into one line (``%xmode Verbose`` keeps them)."""
        __tracebackhide__ = True
        if shown:
            display(report)
        if output:
            self.shell.user_ns[output] = report
        error = getattr(report, "exception", None)
        if error is None:
            return value
        if explained and self.shell.InteractiveTB.mode != "Verbose":
            folded = fold_library_frames(error)
            if folded:
                error.add_note(messages.say("common.library_frames_folded", count=folded))
        raise error

    # -- cells Python cannot compile -----------------------------------------------------------

    def run_uncompilable_cells_plainly(self, lines: list[str]) -> list[str]:
        """An IPython input transformer: a cell of these magics that Python cannot compile becomes the
        plain cell, so IPython reports the SyntaxError itself, exactly as without the magic (the
        learner's line, no frame of ours; the statements before a stray ``return`` run first).
        Registered in ``input_transformers_post``, where a cell magic is already a call."""
        if any(_TRACE_LINE_CALL in line for line in lines):
            lines = [_plain_if_uncompilable(line) if _TRACE_LINE_CALL in line else line for line in lines]
        if not lines or not lines[0].startswith(_CELL_MAGIC_CALL):
            return lines
        try:
            first: Any = ast.parse("".join(lines)).body[0]  # any statement: no .value is an AttributeError below
            call = first.value
            name, _, body = (ast.literal_eval(arg) for arg in call.args)
        except (SyntaxError, ValueError, AttributeError, IndexError, TypeError):
            return lines
        if name not in RAISING_CELL_MAGICS:
            return lines
        source, tree = self._transformed(body)
        if tree is None:
            return source.splitlines(keepends=True)
        if _awaits(source, tree):  # the magic refuses it in a sentence of its own
            return lines
        if source in _COMPILABLE:  # a cell run again: compiling it once was enough
            return lines
        try:
            compile(tree, "<cell>", "exec", dont_inherit=True)  # one call; most cells pass here
        except SyntaxError:  # maybe only as a whole (`x = 1` then `global x`): as IPython compiles it
            try:
                compile_statement = StatementCompiler("<cell>")
                for node in tree.body:
                    compile_statement(node)
            except SyntaxError:
                return source.splitlines(keepends=True)
        _COMPILABLE[source] = None
        while len(_COMPILABLE) > MAX_COMPILABLE:
            del _COMPILABLE[next(iter(_COMPILABLE))]
        return lines

    # -- %%compare_np ------------------------------------------------------------------------

    @magic_arguments()
    @argument("--from", dest="source_lib", choices=("torch", "numpy"), default="torch",
              help="the library the cell is written in (default: torch) / 单元格所用的库")
    @argument("--rtol", type=float, default=None, metavar="R",
              help="relative tolerance (default: torch.testing's) / 相对容差")
    @argument("--atol", type=float, default=None, metavar="A",
              help="absolute tolerance (default: torch.testing's) / 绝对容差")
    @_shared_options(help="also store the CompareReport in NAME / 同时把报告存入变量 NAME")
    @line_cell_magic  # a cell magic; registered for lines too so that `%compare_np?` finds its help
    def compare_np(self, line, cell=None):
        """Run a torch cell as usual and its NumPy translation on copies; show both side by side.

        One row per statement: both sources, both values (shape, dtype, preview) and a verdict
        (match, dtype, mismatch, torch-only, numpy-only, error), with a note on every difference.
        The cell's tensors stay in the namespace and its last value is shown as usual.

        照常运行 torch 单元格，再在副本上运行它的 NumPy 翻译，逐条语句并排比较：两边的代码、
        值（形状、dtype、预览）和结论，每处差别都附说明。--from numpy 反向比较。
        """
        __tracebackhide__ = True  # IPython shows the learner's frames, not this one
        if cell is None and not line.lstrip().startswith("-"):  # code on the line: the cell is missing
            self._learner_code(cell, "compare_np")
        args = self._parse(self.compare_np, line)  # a mistaken option is named before the cell is looked at
        source, filename = self._learner_code(cell, "compare_np")
        from .comparison import compare

        with self._speaking(args):
            report = self._run(compare, filename, source, self.shell.user_ns, source_lib=args.source_lib,
                               rtol=args.rtol, atol=args.atol, filename=filename)
            return self._show(report, args.output, report.value)

    # -- %shape_trace, %%shape_trace ---------------------------------------------------------

    @magic_arguments()
    @argument("--all", dest="show_all", action="store_true",
              help="show every operation, also those that keep shapes / 显示所有运算")
    @_shared_options(help="also store the ShapeTrace in NAME, even when the cell raised / 同时把报告存入变量 NAME")
    @line_cell_magic
    def shape_trace(self, line, cell=None):
        """Run code as usual, annotating how each array/tensor operation changed shapes.

        %shape_trace CODE traces one line and returns the ShapeTrace (t = %shape_trace X.sum(0)).
        %%shape_trace traces the cell: reductions, broadcasts, matmuls, reshapes and indexing,
        aggregated per source line in loops; the cell's last value is shown as usual. A shape
        error is explained (operand shapes, why, a fix), then the original exception is raised.

        照常运行代码，并标注每个数组/张量运算如何改变形状（归约、广播、矩阵乘法、变形、索引）；
        形状错误会先得到解释（操作数形状、原因、改法），再抛出原始异常。
        """
        __tracebackhide__ = True
        from .tracing import trace

        if cell is None:
            matched = _LINE_OPTIONS.match(line)
            assert matched is not None  # every part of the pattern is optional: it matches any line
            options, code = matched.groups()   # %shape_trace --all X.sum(): options, then code
            args = self._parse(self.shape_trace, options)
            if not code.strip():
                raise UsageError(messages.say("trace.usage_empty_line"))
            source, filename = self._learner_code(code, "shape_trace")
            with self._speaking(args):
                report = self._run(trace, filename, source, self.shell.user_ns, filename=filename,
                                   show_all=args.show_all)
                self._show(report, args.output, shown=report.exception is not None,
                           explained=report.error is not None)
            return report
        args = self._parse(self.shape_trace, line)
        source, filename = self._learner_code(cell, "shape_trace")
        with self._speaking(args):
            report = self._run(trace, filename, source, self.shell.user_ns, filename=filename, show_all=args.show_all)
            return self._show(report, args.output, report.value, explained=report.error is not None)

    # -- %shape_explain on|off -------------------------------------------------------------

    @line_magic
    def shape_explain(self, line):
        """Explain shape errors in every cell, from the traceback alone: %shape_explain on|off.

        With it on, a shape error in any cell (no magic needed) is explained above the usual
        traceback: the failing operation, its operands' shapes, why, and a fix where one is obvious.
        No code runs again, and a cell that does not fail costs nothing.

        在任何单元格中解释形状错误（只读 traceback，不重新运行代码）：%shape_explain on|off。
        """
        word = line.strip().lower()
        if word not in ("on", "off", ""):
            raise UsageError(messages.say("trace.usage_explain", got=line.strip()))
        if word:
            self.explain_errors = word == "on"
        from .render.common import fit_text, terminal_width

        print(fit_text(messages.say("trace.explain_on" if self.explain_errors else "trace.explain_off"),
                       terminal_width(), indent=2))

    @observe("explain_errors")
    def _switch_explanations(self, change):
        if change["new"]:
            self._explain_on()
        else:
            self._explain_off()

    def _explain_on(self) -> None:
        if "_explain_hook" not in self.__dict__:
            from .explain_hook import ExplainHook
            hook = self.__dict__["_explain_hook"] = ExplainHook(self.shell, D2LMagics.shape_trace.__code__)
            hook.install()

    def _explain_off(self) -> None:
        hook = self.__dict__.pop("_explain_hook", None)
        if hook is not None:
            hook.remove()

    # -- %grad, %%grad -----------------------------------------------------------------------

    @magic_arguments()
    @argument("names", nargs="*", metavar="NAME",
              help="tensors to show (default: every tensor with a .grad); with --wrt, the output Y / 要显示的张量")
    @argument("--wrt", nargs="+", default=None, metavar="NAME",
              help="%%grad Y --wrt X: run Y.backward(), show X / 先运行 Y.backward()，再显示 X")
    @argument("--check", action="store_true",
              help="compare autograd with central finite differences in float64 / 用有限差分检验梯度")
    @argument("--max-check", type=int, default=1000, metavar="N",
              help="check at most N elements per tensor (default 1000) / 每个张量最多检验 N 个元素")
    @_shared_options(help="also store the GradReport in NAME, even when the cell raised / 同时把报告存入变量 NAME")
    @line_cell_magic
    def grad(self, line, cell=None):
        """Show each tensor's value and .grad as pictures, with stats, the graph and explanations.

        %grad [NAME ...] returns the report for the named tensors (default: every tensor that has
        a .grad); Out shows it, and r = %grad x keeps it.
        %grad Y --wrt X [X ...] runs Y.backward(), then reports on X.
        %%grad runs the cell as usual, then shows every tensor whose .grad the cell changed;
        --check compares those grads with finite differences on float64 copies.

        backward() 之后，以图形显示每个张量的值和 .grad，附统计、计算图和对常见错误的解释；
        --check 用 float64 副本上的有限差分检验梯度。
        """
        __tracebackhide__ = True  # IPython shows the learner's frames, not this one
        args = self._parse(self.grad, line)
        from . import grad as engine

        with self._speaking(args):
            if args.max_check < 1:
                raise UsageError(messages.say("grad.usage.max_check"))
            value = None
            try:
                if cell is not None:
                    if args.names:
                        raise UsageError(messages.say("grad.usage.names_in_cell"))
                    source, filename = self._learner_code(cell, "grad")
                    result = self._run(engine.inspect_cell, filename, source, self.shell.user_ns, filename,
                                       wrt=args.wrt or (), check=args.check, max_check=args.max_check)
                    report, value = result.report, result.value
                elif args.check:
                    raise UsageError(messages.say("grad.usage.check_needs_cell"))
                elif args.wrt:
                    if len(args.names) != 1:
                        raise UsageError(messages.say("grad.usage.wrt_needs_one_output"))
                    report = engine.backward_and_inspect(self.shell.user_ns, args.names[0], args.wrt)
                else:
                    report = engine.inspect_names(self.shell.user_ns, args.names)
            except engine.BadNames as error:
                raise UsageError(messages.say(error.msg_id, names=error.names)) from None
            # in a kernel: the widget panel, with the text/HTML report for other viewers
            return self._show(report, args.output, value if cell is not None else report,
                              shown=cell is not None or report.exception is not None,
                              explained=report.explanation is not None)

    # -- %%exercise, %exercise -------------------------------------------------------------

    @magic_arguments()
    @argument("name", nargs="?", default=None, metavar="NAME",
              help="the exercise (%%exercise --list names them) / 练习名")
    @argument("--list", action="store_true", help="every exercise, marked when passed / 列出全部练习")
    @argument("--hint", action="store_true", help="the next hint for NAME / 下一条提示")
    @argument("--solution", action="store_true", help="a solution for NAME and why it is right / 参考答案")
    @argument("--progress", action="store_true",
              help="passed, attempted and untouched exercises, kept across kernels / 已通过、尝试过和未做的练习")
    @argument("--reset", action="store_true", help="forget the progress (of NAME only, if given) / 清除进度")
    @argument("--new", default=None, metavar="NAME",
              help=("define exercise NAME from the cell: given values, a '# solution' line, the solution"
                    " / 用单元格定义新练习"))
    @argument("--answers", nargs="+", default=None, metavar="VAR", help="with --new: the answer variables / 答案变量")
    @argument("--title", default=None, help="with --new: the title / 标题")
    @argument("--prompt", default=None, help="with --new: the task / 题目")
    @argument("--load", default=None, metavar="FILE",
              help="register every exercise FILE.py (or a module) defines / 载入文件中定义的练习")
    @_shared_options(help="also store the Feedback in NAME / 同时把反馈存入变量 NAME")
    @line_cell_magic
    def exercise(self, line, cell=None):
        """Self-checking exercises.

        %%exercise NAME runs the cell in your namespace (the values the exercise gives are put in
        first where missing), then checks it: a ✓, or a ✗ with what went wrong and a hint. A
        mistake in the code, an exception included, is shown as a ✗, not raised.
        %exercise NAME shows the task; --hint NAME the next hint; --solution NAME a solution;
        --list every exercise; --progress what you passed and tried (kept across kernels);
        --reset forgets it.
        Teachers: %%exercise --new NAME --answers VAR [VAR ...] --title "..." defines an exercise
        from the cell (given values, a '# solution' line, the solution; '# hint: ...' lines are
        hints); %exercise --load FILE.py registers the exercises a file defines.

        自检练习：%%exercise NAME 在你的命名空间运行单元格并检查答案（✓ 或 ✗ 加提示）；
        --hint 逐条给提示，--solution 给答案，--list 列出全部练习，--progress 显示进度，--reset 清除进度。
        教师：%%exercise --new NAME --answers VAR 用单元格定义练习；%exercise --load FILE.py 载入文件中的练习。
        """
        args = self._parse(self.exercise, line)
        from .workbook import (
            AuthoringError,
            Loaded,
            Solution,
            UnknownExercise,
            check_exercise,
            get_exercise,
            load_exercises,
            table,
        )

        progress = self._exercise_progress()
        with self._speaking(args):
            actions = [flag for flag in ("list", "hint", "solution", "progress", "reset", "new", "load")
                       if getattr(args, flag)]
            if len(actions) > 1 or (cell is not None and actions and actions != ["new"]):
                raise UsageError(messages.say("exercise.usage.one_action"))
            try:
                if args.new:
                    display(self._define_exercise(args, cell))
                    return None
                if args.load:
                    display(Loaded(args.load, load_exercises(args.load)))
                    return None
            except AuthoringError as error:
                raise UsageError(str(error)) from None
            if args.list or args.progress:
                display(table(progress, show_progress=args.progress))
                return None
            if args.reset:
                progress.reset(args.name)
                display(table(progress, show_progress=True))
                return None
            if args.name is None:
                raise UsageError(messages.say("exercise.usage.needs_name"))
            try:
                exercise = get_exercise(args.name)
            except UnknownExercise as error:
                raise UsageError(str(error)) from None
            if args.hint:
                display(progress.next_hint(exercise))
            elif args.solution:
                progress.saw_solution(exercise.name)
                display(Solution(exercise))
            elif cell is None:
                display(exercise)
            else:
                __tracebackhide__ = True  # a KeyboardInterrupt shows the learner's frames, not this one
                source, filename = self._learner_code(cell, "exercise", required=False)
                feedback = self._run(check_exercise, filename, exercise.name, source, self.shell.user_ns,
                                     filename=filename, hints_seen=progress.hints_shown.get(exercise.name, 0))
                progress.record(feedback)
                return self._show(feedback, args.output, feedback.value)
        return None

    @staticmethod
    def _define_exercise(args, cell):
        """``%%exercise --new NAME --answers ...``: the cell is the given values, '# solution', the solution."""
        from .workbook import define_exercise, split_cell

        if cell is None or not cell.strip():
            raise UsageError(messages.say("exercise.usage.new_needs_cell"))
        if not args.answers:
            raise UsageError(messages.say("exercise.usage.new_needs_answers"))
        setup, solution, hints = split_cell(cell)

        def unquoted(text):  # IPython's option parser keeps the quotes around "a title"
            return text[1:-1] if text and len(text) > 1 and text[0] == text[-1] and text[0] in "\"'" else text

        return define_exercise(args.new, setup=setup, solution=solution, answers=args.answers,
                               title=unquoted(args.title), prompt=unquoted(args.prompt), hints=hints,
                               lang=messages.get_language())

    def _exercise_progress(self):
        """The learner's exercise progress, kept in their Jupyter data directory."""
        if "_progress" not in self.__dict__:
            from .workbook import Progress
            self.__dict__["_progress"] = Progress()
        return self.__dict__["_progress"]


def load(ipython) -> None:
    """Register the magics once (``%reload_ext`` replaces, never duplicates, them)."""
    unload(ipython)
    magics = D2LMagics(shell=ipython, parent=ipython)  # reads c.D2LMagics.language from the config
    if os.environ.get(messages.ENV_VARIABLE):
        magics.language = messages.language_from_environment()
    else:
        messages.set_language(magics.language)  # a configured language, or English
    ipython.register_magics(magics)  # Magics.__init__ already made it a configurable (%config)
    ipython.input_transformers_post.append(magics.run_uncompilable_cells_plainly)


def unload(ipython) -> None:
    """Remove every magic this extension registered, its configurable and its input transformer."""
    ipython.input_transformers_post[:] = [t for t in ipython.input_transformers_post
                                          if not isinstance(getattr(t, "__self__", None), D2LMagics)]
    for configurable in [c for c in ipython.configurables if isinstance(c, D2LMagics)]:
        configurable._explain_off()   # and no later %config reaches an unloaded instance
        ipython.configurables.remove(configurable)
    registered = ipython.magics_manager.registry.pop(D2LMagics.__name__, None)
    if registered is not None:  # only our own names: touching IPython's lazy magics would import them
        table = ipython.magics_manager.magics
        for kind, names in registered.magics.items():
            for name in names:
                if getattr(table[kind].get(name), "__self__", None) is registered:
                    del table[kind][name]
