"""The torch ⇄ NumPy rule table: data only, read in both directions.

Each :class:`Rule` pairs a torch form with its NumPy form, written the way a learner would write
them, with the receiver of a method left out:

* ``"torch.sum()"``/``"np.sum()"``: a function call; ``".sum()"``: a method call on a value;
* ``".T"``: an attribute of a value; ``"torch.float32"``: a name in the library;
* ``"float()"``: a builtin; ``"_"``: the value itself (``x.numpy()`` is just the array);
* arguments inside a target form's parentheses are added to every call (``.astype(np.float32)``).

The translator builds a lookup for each direction from this one table. A rule
whose NumPy form is ``None`` has no counterpart (autograd). Where the libraries differ, small
declarative options say how (``args``, ``shape``, ``dtype``), and the rare rule that needs more
names a transform, a function registered under that name in ``transforms/`` (see
``registry.py``). Every rule names the note (an id in ``messages/translate.py``) the learner reads
when it fires. :func:`both` writes a function form and its method form in one line.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: ``dim``/``keepdim`` (torch) are ``axis``/``keepdims`` (NumPy).
DIM = MappingProxyType({"dim": "axis", "keepdim": "keepdims"})
#: A reduction's positional parameters after the data, in torch.
REDUCE_PARAMS = ("dim", "keepdim")


@dataclass(frozen=True, eq=False)
class Rule:
    torch: str | None
    """``None``: no torch counterpart (NumPy → torch only); ``note`` says why."""
    numpy: str | None
    """``None``: no NumPy counterpart; the statement is torch-only and ``note`` says why."""
    note: str
    args: Mapping[str, str] = field(default_factory=dict)
    """Keyword renames, torch name → NumPy name (read backwards for NumPy → torch)."""
    shape: str | None = None
    """``"varargs"``: torch takes sizes one by one (``ones(4, 3)``), NumPy one tuple.
    ``"splat"``: NumPy takes sizes one by one (``np.random.randn(3, 4)``), torch also a tuple."""
    dtype: str | None = None
    """Where torch's float32 default and NumPy's float64 default differ: ``"float"`` always,
    ``"literal"`` when a float literal is among the arguments (``tensor([1.0])``, ``arange(4.0)``),
    ``"cast"`` like ``"float"`` but NumPy has no ``dtype=``, so its result is cast."""
    positional: tuple[str, ...] = ()
    """torch's positional parameters after the data, by name, where NumPy orders its own
    differently (``sum(x, dim, keepdim)`` against ``sum(x, axis, dtype, out, keepdims)``): given
    positionally, they become keywords (then renamed by ``args``). torch → NumPy only."""
    numpy_positional: tuple[str, ...] = ()
    """NumPy's positional parameters after the data that torch takes only by keyword
    (``np.zeros(3, int)``: ``dtype``): given positionally, they become keywords. NumPy → torch only."""
    tensors: bool = False
    """torch needs tensors where NumPy also takes lists: a list of numbers among the positional
    arguments becomes ``torch.tensor(list)`` (NumPy → torch)."""
    transform: str | None = None
    """The name a function in ``transforms/`` is registered under, for what options cannot say."""
    forward: bool = True
    """Used for torch → NumPy."""
    reverse: bool = True
    """Used for NumPy → torch (where several torch forms share one NumPy form, one is chosen)."""


R = Rule


def both(name: str, note: str, numpy: str | None = None, *, array_method: bool = True,
         method_note: str | None = None, reverse: bool = True, **options) -> tuple[Rule, Rule]:
    """``torch.name()`` ⇄ ``np.numpy()`` and its method form ``x.name()`` in one line.

    The method becomes ``x.numpy()`` where NumPy arrays have it, else ``np.numpy(x)``
    (``array_method=False``), which the function rule already reads backwards.
    """
    numpy = numpy or name
    method_target = f".{numpy}()" if array_method else f"np.{numpy}()"
    options.setdefault("tensors", True)
    return (R(f"torch.{name}()", f"np.{numpy}()", note, reverse=reverse, **options),
            R(f".{name}()", method_target, method_note or note, reverse=reverse and array_method,
              **options))

#: Canonical names for other spellings of the same thing (applied before lookup).
ALIASES = MappingProxyType({
    "numpy": "np",
    "torch.distributions.multinomial.Multinomial": "torch.distributions.Multinomial",
    "torch.distributions.normal.Normal": "torch.distributions.Normal",
    "np.amax": "np.max",
    "np.amin": "np.min",
    "np.concat": "np.concatenate",
    "np.bool_": "np.bool",
    "torch.concat": "torch.cat",
    "torch.concatenate": "torch.cat",
    "torch.absolute": "torch.abs",
})

#: Module names each side's code uses, and the import statement that binds them.
MODULES = MappingProxyType({"torch": "torch", "numpy": "np"})
IMPORTS = MappingProxyType({"torch": "import torch", "numpy": "import numpy as np"})
#: torch submodules whose functions the rules write as NumPy expressions: importing one
#: (``import torch.nn.functional as F``) is importing NumPy.
WRITTEN_OUT_MODULES = ("torch.nn.functional",)

#: torch keywords with no NumPy meaning: dropped (torch → NumPy), with the note.
DROPPED_KEYWORDS = MappingProxyType({
    "requires_grad": "translate.requires_grad_dropped",
    "device": "translate.device_dropped",
    "pin_memory": "translate.device_dropped",
    "generator": "translate.generator_dropped",
})

#: Dtype names shared by both libraries; each side's spelling is ``torch.<name>``/``np.<name>``.
DTYPES = ("float32", "float64", "float16", "int64", "int32", "int16", "int8", "uint8", "bool",
          "complex64", "complex128")
#: torch-only short names for dtypes.
DTYPE_NICKNAMES = MappingProxyType({"float": "float32", "double": "float64", "half": "float16",
                                    "long": "int64", "int": "int32", "short": "int16"})
#: Methods that cast (``x.float()``) and the dtype they cast to.
CASTS = MappingProxyType({**DTYPE_NICKNAMES, "bool": "bool"})

ELEMENTWISE = ("exp", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh", "square", "sign", "floor",
               "ceil", "log2", "log10", "isnan", "isinf", "isfinite", "log1p", "expm1", "logical_not")
#: Elementwise functions of two arrays.
BINARY = ("arctan2", "logical_and", "logical_or", "logical_xor")
#: Elementwise tests with no in-place form.
TESTS = ("isnan", "isinf", "isfinite", "logical_not")
#: Comparison methods (``x.lt(y)``) and NumPy's function for each.
COMPARISONS = MappingProxyType({"lt": "less", "le": "less_equal", "gt": "greater",
                                "ge": "greater_equal", "eq": "equal", "ne": "not_equal"})
#: Same name, same meaning, functions only (the keyword renames after the name).
SAME_FUNCTIONS = MappingProxyType({
    "einsum": {}, "trace": {}, "vstack": {}, "hstack": {}, "broadcast_to": {"size": "shape"},
    "count_nonzero": DIM, "allclose": {}, "tril": {"diagonal": "k"}, "triu": {"diagonal": "k"},
    "diag": {"diagonal": "k"}, "tensordot": {"dims": "axes"}, "roll": {"shifts": "shift", "dims": "axis"},
    "bincount": {}, "unique": {**DIM}, "finfo": {}, "iinfo": {}, "linalg.inv": {},
    "linalg.det": {}, "linalg.solve": {}, "linalg.matrix_rank": {}, "linalg.eigvalsh": {},
    "quantile": DIM, "diff": DIM, "kron": {},
})
ARITHMETIC = MappingProxyType({"add": "add", "sub": "subtract", "mul": "multiply", "div": "divide",
                               "pow": "power"})
REDUCTIONS = ("sum", "prod", "argmax", "argmin", "all", "any")
#: Elementwise functions whose in-place method (``x.exp_()``) NumPy writes with ``out=``.
INPLACE_ELEMENTWISE = tuple(name for name in ELEMENTWISE if name not in TESTS)
#: Tensor methods NumPy arrays lack, with the note that says what to write instead.
TENSOR_ONLY = MappingProxyType({
    "median": "translate.median",
    **{name: "translate.tensor_only" for name in ("expand", "expand_as", "new_zeros", "new_ones",
                                                  "new_full", "new_empty", "new_tensor")},
    **{f"{name}_": "translate.inplace_tensor_only"
       for name in ("copy", "normal", "random", "t", "transpose",
                    "squeeze", "unsqueeze", "index_add", "scatter", "exponential")},
})

#: NumPy forms that torch has no counterpart for, with the note that says why.
NUMPY_ONLY = MappingProxyType({
    **{form: "translate.subclass" for form in ("np.matrix()", "np.asmatrix()", "np.ma.array()",
                                               "np.ma.masked_array()", "np.ma.masked_where()",
                                               "np.recarray()", "np.rec.array()", "np.memmap()",
                                               "np.chararray()", "np.char.array()")},
    **{form: "translate.structured" for form in ("np.datetime64()", "np.timedelta64()",
                                                 "np.datetime64", "np.timedelta64", "np.str_",
                                                 "np.bytes_", "np.object_", "np.dtype()")},
    ".flags": "translate.flags",
    ".view()": "translate.view_dtype",
})

RULES: tuple[Rule, ...] = (
    # creating arrays
    R("torch.tensor()", "np.array()", "translate.tensor", dtype="literal", numpy_positional=("dtype",),
      transform="array_data"),
    R("torch.as_tensor()", "np.asarray()", "translate.as_tensor", dtype="literal",
      numpy_positional=("dtype",), transform="array_data"),
    R("torch.from_numpy()", "np.asarray()", "translate.from_numpy", reverse=False),
    R("torch.arange()", "np.arange()", "translate.arange", dtype="literal"),
    *(R(f"torch.{name}()", f"np.{name}()", "translate.filled", args={"size": "shape"},
        shape="varargs", dtype="float", numpy_positional=("dtype",)) for name in ("zeros", "ones", "empty")),
    R("torch.full()", "np.full()", "translate.filled", args={"size": "shape"}, dtype="literal",
      numpy_positional=("fill_value", "dtype"), transform="full"),
    R("torch.eye()", "np.eye()", "translate.filled", args={"n": "N", "m": "M"}, dtype="float",
      numpy_positional=("M", "k", "dtype"), transform="eye"),
    R("torch.eye()", "np.identity()", "translate.identity", dtype="float", forward=False,
      numpy_positional=("dtype",)),
    R("torch.linspace()", "np.linspace()", "translate.filled", args={"steps": "num", "end": "stop"}, dtype="float",
      transform="linspace"),
    R("torch.logspace()", "np.logspace()", "translate.filled", args={"steps": "num", "end": "stop"}, dtype="float",
      transform="linspace"),
    *(R(f"torch.{name}_like()", f"np.{name}_like()", "translate.like")
      for name in ("zeros", "ones", "empty", "full")),
    # random numbers
    R("torch.rand()", "np.random.rand()", "translate.random", shape="splat", dtype="cast"),
    R("torch.randn()", "np.random.randn()", "translate.random", shape="splat", dtype="cast"),
    R("torch.randint()", "np.random.randint()", "translate.randint", transform="randint"),
    R("torch.normal()", "np.random.normal()", "translate.normal",
      args={"mean": "loc", "std": "scale"}, dtype="cast", transform="normal"),
    *(R("torch.rand()", f"np.random.{name}()", "translate.random", shape="splat", dtype="cast",
        forward=False) for name in ("random", "random_sample")),
    R("torch.randperm()", "np.random.permutation()", "translate.randperm", transform="randperm"),
    R(".uniform_()", "np.random.uniform()", "translate.uniform", transform="uniform"),
    *(R(f"torch.{name}_like()", f"np.random.{name}()", "translate.random_like", transform="random_like",
        reverse=False) for name in ("rand", "randn")),
    R("torch.meshgrid()", "np.meshgrid()", "translate.meshgrid", transform="meshgrid"),
    R("torch.cuda.is_available()", "False", "translate.cuda", reverse=False),
    R("torch.manual_seed()", "np.random.seed()", "translate.seed"),
    R("torch.distributions.Multinomial()", "np.random.multinomial()", "translate.multinomial",
      args={"total_count": "n", "probs": "pvals"}, transform="multinomial"),
    R("torch.distributions.Normal()", "np.random.normal()", "translate.normal_distribution",
      transform="distribution", reverse=False),
    R("torch.distributions.Uniform()", "np.random.uniform()", "translate.uniform_distribution",
      transform="distribution", reverse=False),
    # elementwise functions and arithmetic
    *(rule for name in ELEMENTWISE for rule in both(
        name, "translate.elementwise", array_method=False, method_note="translate.elementwise_method")),
    *(rule for name in BINARY for rule in both(
        name, "translate.elementwise", array_method=False, method_note="translate.elementwise_method")),
    *(rule for name in ("maximum", "minimum") for rule in both(
        name, "translate.elementwise", array_method=False, method_note="translate.elementwise_method",
        transform="maximum")),
    R("torch.where()", "np.where()", "translate.elementwise", tensors=True),
    *both("round", "translate.round", numpy_positional=("decimals",)),
    *both("neg", "translate.arithmetic", "negative", array_method=False, method_note="translate.elementwise_method"),
    *(rule for name, numpy in COMPARISONS.items() for rule in both(
        name, "translate.comparison", numpy, array_method=False)),
    R("torch.equal()", "np.array_equal()", "translate.equal", tensors=True),
    # activations: NumPy has none, each is written out (torch → NumPy only)
    *(R(form, "np.exp()", "translate.sigmoid", transform="sigmoid", reverse=False)
      for form in ("torch.sigmoid()", ".sigmoid()", "torch.nn.functional.sigmoid()")),
    *(R(form, "np.maximum()", "translate.relu", transform="relu", reverse=False)
      for form in ("torch.relu()", ".relu()", "torch.nn.functional.relu()")),
    *(R(f"{module}.{name}()", "np.exp()", note, transform="softmax", reverse=False)
      for module in ("torch", "torch.nn.functional")
      for name, note in (("softmax", "translate.softmax"), ("log_softmax", "translate.log_softmax"))),
    *(rule for name, numpy in ARITHMETIC.items() for rule in both(
        name, "translate.arithmetic", numpy, array_method=False, method_note="translate.elementwise_method")),
    R("torch.clamp()", ".clip()", "translate.clamp", reverse=False),
    R("torch.clip()", ".clip()", "translate.clamp", reverse=False),
    R("torch.clip()", "np.clip()", "translate.clamp", forward=False),
    R(".clamp()", ".clip()", "translate.clamp", reverse=False),
    R(".clip()", ".clip()", "translate.clamp"),
    # reductions
    *(rule for name in REDUCTIONS for rule in both(
        name, "translate.reduce", args=DIM, positional=REDUCE_PARAMS)),
    *both("mean", "translate.mean_int", args=DIM, positional=REDUCE_PARAMS, transform="floats_like_numpy"),
    *(rule for name in ("std", "var") for rule in both(
        name, "translate.std_ddof", args=DIM, transform="ddof", positional=("dim", "unbiased", "keepdim"))),
    *(rule for name in ("max", "min") for rule in both(
        name, "translate.max_dim", args=DIM, transform="max_dim", reverse=False)),
    *(R(f"torch.{name}_mean()", f"np.{name}()", "translate.var_mean", args=DIM, transform="var_mean",
        positional=("dim", "unbiased", "keepdim"), reverse=False) for name in ("var", "std")),
    *(rule for name in ("max", "min") for rule in both(
        f"a{name}", "translate.amax", name, args=DIM, positional=REDUCE_PARAMS)),
    *(rule for name in ("cumsum", "cumprod") for rule in both(
        name, "translate.cumsum", args=DIM, transform="cumsum")),
    *both("argsort", "translate.argsort", args=DIM, transform="argsort", positional=("dim", "descending")),
    *both("sort", "translate.sort", args=DIM, transform="sort", positional=("dim", "descending")),
    R("torch.nonzero()", "np.nonzero()", "translate.nonzero", transform="nonzero", tensors=True),
    R("torch.quantile()", "np.median()", "translate.median_quantile", args=DIM, forward=False,
      numpy_positional=("axis",), tensors=True, transform="median"),
    *(R(f"torch.{name}()", f"np.{name}()", "translate.same", args=renames, tensors=True)
      for name, renames in SAME_FUNCTIONS.items()),
    R(".put_()", "np.put()", "translate.put", transform="put"),
    *(R(form, "np.take()", "translate.index_select", transform="index_select", reverse=False)
      for form in ("torch.index_select()", ".index_select()")),
    *(R(form, "np.take_along_axis()", "translate.gather", transform="gather", reverse=False)
      for form in ("torch.gather()", ".gather()")),
    *(R(form, "_", "translate.masked_select", transform="masked_select", reverse=False)
      for form in ("torch.masked_select()", ".masked_select()")),
    *(R(form, "np.where()", "translate.masked_fill", transform="masked_fill", reverse=False)
      for form in ("torch.masked_fill()", ".masked_fill()", ".masked_fill_()")),
    R(".index_put_()", "np.add.at()", "translate.add_at", transform="add_at"),
    # products and norms
    R("torch.dot()", "np.dot()", "translate.dot", reverse=False),
    R(".dot()", ".dot()", "translate.dot", reverse=False),
    R("torch.matmul()", "np.dot()", "translate.dot_to_torch", forward=False),
    R(".matmul()", ".dot()", "translate.dot_to_torch", forward=False),
    R("torch.matmul()", "np.matmul()", "translate.matmul"),
    R(".matmul()", "np.matmul()", "translate.matmul", reverse=False),
    R("torch.mv()", "np.matmul()", "translate.mv", reverse=False),
    R(".mv()", "np.matmul()", "translate.mv", reverse=False),
    R("torch.mm()", "np.matmul()", "translate.mm", reverse=False),
    R(".mm()", "np.matmul()", "translate.mm", reverse=False),
    *both("outer", "translate.outer", array_method=False),
    *both("inner", "translate.inner", array_method=False),
    R("torch.linalg.cross()", "np.cross()", "translate.cross", args=DIM, reverse=False),
    *(R(form, "np.cross()", "translate.cross", args=DIM, transform="cross", reverse=False)
      for form in ("torch.cross()", ".cross()")),
    R("torch.norm()", "np.linalg.norm()", "translate.norm", args={"p": "ord", **DIM},
      transform="norm", reverse=False),
    R(".norm()", "np.linalg.norm()", "translate.norm", args={"p": "ord", **DIM}, transform="norm",
      reverse=False),
    R("torch.linalg.norm()", "np.linalg.norm()", "translate.linalg_norm", args=DIM, transform="floats_like_numpy"),
    R("torch.linalg.vector_norm()", "np.linalg.norm()", "translate.vector_norm", args=DIM,
      transform="vector_norm", reverse=False),
    R("torch.linalg.matrix_norm()", "np.linalg.norm()", "translate.matrix_norm", args=DIM,
      reverse=False),
    # joining
    R("torch.cat()", "np.concatenate()", "translate.cat", args={"tensors": "arrays", **DIM},
      numpy_positional=("axis",), transform="concatenate"),
    R("torch.stack()", "np.stack()", "translate.stack", args={"tensors": "arrays", **DIM}),
    *(R(form, "np.split()", "translate.chunk", transform="chunk", reverse=False)
      for form in ("torch.chunk()", ".chunk()")),
    *(R("torch.tensor_split()", f"np.{name}()", note, args={"dim": "axis"}, transform="split", forward=False)
      for name, note in (("split", "translate.split"), ("array_split", "translate.array_split"))),
    R("torch.cat()", "np.append()", "translate.append", args={"dim": "axis"}, tensors=True, transform="append",
      forward=False),
    # shapes
    R(".reshape()", ".reshape()", "translate.reshape"),
    R("torch.reshape()", "np.reshape()", "translate.reshape"),
    R(".view()", ".reshape()", "translate.view", reverse=False),
    R(".flatten()", ".ravel()", "translate.flatten", transform="flatten"),
    R("torch.flatten()", ".ravel()", "translate.flatten", transform="flatten", reverse=False),
    R(".flatten()", ".flatten()", "translate.flatten_copies", transform="copied_flatten", forward=False),
    R(".squeeze()", ".squeeze()", "translate.squeeze", args=DIM),
    R("torch.squeeze()", "np.squeeze()", "translate.squeeze", args=DIM),
    R(".unsqueeze()", "np.expand_dims()", "translate.unsqueeze", args=DIM, reverse=False),
    R("torch.unsqueeze()", "np.expand_dims()", "translate.unsqueeze", args=DIM),
    R(".transpose()", "np.swapaxes()", "translate.transpose", args={"dim0": "axis1", "dim1": "axis2"},
      reverse=False),
    R("torch.transpose()", "np.swapaxes()", "translate.transpose",
      args={"dim0": "axis1", "dim1": "axis2"}),
    R(".permute()", ".transpose()", "translate.permute", args={"dims": "axes"}, transform="permute"),
    R("torch.permute()", "np.transpose()", "translate.permute", args={"dims": "axes"},
      transform="permute"),
    R(".T", ".T", "translate.T"),
    R(".t()", ".T", "translate.T", reverse=False),
    R(".flip()", "np.flip()", "translate.flip", args={"dims": "axis"}, reverse=False),
    R("torch.flip()", "np.flip()", "translate.flip", args={"dims": "axis"}, transform="flip"),
    R(".repeat()", "np.tile()", "translate.repeat", shape="varargs", reverse=False),
    R("torch.tile()", "np.tile()", "translate.repeat"),
    *both("repeat_interleave", "translate.repeat_interleave", "repeat", args=DIM),
    R(".mT", "np.swapaxes(-1, -2)", "translate.mT", reverse=False),
    R(".reshape(-1)", ".flat", "translate.flat", forward=False),
    R(".stride()", ".strides", "translate.stride", transform="stride"),
    R("torch.as_strided()", "np.lib.stride_tricks.as_strided()", "translate.as_strided",
      args={"size": "shape", "stride": "strides"}, transform="as_strided"),
    R(".unfold()", "np.lib.stride_tricks.sliding_window_view()", "translate.unfold",
      transform="unfold"),
    # copies and conversions
    R(".clone()", ".copy()", "translate.clone"),
    R("torch.clone()", "np.copy()", "translate.clone"),
    R(".detach()", "_", "translate.detach"),
    R(".data", "_", "translate.data"),
    R(".numpy()", "_", "translate.numpy"),
    R(".cpu()", "_", "translate.device_dropped"),
    R(".contiguous()", "_", "translate.contiguous"),
    R(".item()", ".item()", "translate.item"),
    R(".tolist()", ".tolist()", "translate.tolist"),
    R("float()", "float()", "translate.scalar_builtin", transform="scalar_builtin", reverse=False),
    R("int()", "int()", "translate.scalar_builtin", transform="scalar_builtin", reverse=False),
    # dtypes and casts
    *(R(f".{method}()", f".astype(np.{dtype}, copy=False)", "translate.cast", reverse=False)
      for method, dtype in CASTS.items()),
    R(".to()", ".astype()", "translate.to", transform="to"),
    R(".type()", ".astype()", "translate.to", transform="to", reverse=False),
    *(R(f"torch.{name}", f"np.{name}", "translate.dtype") for name in DTYPES),
    *(R(f"torch.{nickname}", f"np.{name}", "translate.dtype", reverse=False)
      for nickname, name in DTYPE_NICKNAMES.items()),
    R("torch.Tensor", "np.ndarray", "translate.tensor_type"),
    R("None", "np.newaxis", "translate.newaxis", forward=False),
    *(R(f"torch.{name}", f"np.{name}", "translate.constant") for name in ("pi", "e", "inf", "nan")),
    # sizes
    R(".size()", ".shape", "translate.size", transform="size", reverse=False),
    R(".numel()", ".size", "translate.numel"),
    R(".nelement()", ".size", "translate.numel", reverse=False),
    R("torch.numel()", "np.size()", "translate.numel"),
    R(".dim()", ".ndim", "translate.ndim", reverse=False),
    R(".ndimension()", ".ndim", "translate.ndim", reverse=False),
    # in place
    R(".zero_()", ".fill(0)", "translate.fill", transform="fill", reverse=False),
    R(".fill_()", ".fill()", "translate.fill", transform="fill"),
    *(R(f".{name}_()", f"np.{numpy}()", "translate.inplace", transform="inplace", reverse=False)
      for name, numpy in ARITHMETIC.items()),
    *(R(f".{name}_()", f"np.{name}()", "translate.inplace_unary", transform="inplace", reverse=False)
      for name in INPLACE_ELEMENTWISE),
    *(R(f".{name}_()", f"np.{numpy}()", "translate.inplace", transform="inplace", reverse=False)
      for name, numpy in (("clamp", "clip"), ("clip", "clip"), ("neg", "negative"))),
    # the same name, another meaning: not translated either way
    *(R(f".{name}()", f".{name}()", "translate.different_meaning", transform="untranslatable")
      for name in ("nonzero", "resize_", "split")),
    # NumPy forms without a torch counterpart
    *(R(None, form, note) for form, note in NUMPY_ONLY.items()),
    # tensor methods without a NumPy counterpart
    *(R(f".{name}()", None, note) for name, note in TENSOR_ONLY.items()),
    # autograd: no NumPy counterpart
    *(R(form, None, "translate.autograd")
      for form in (".backward()", ".grad", ".grad_fn", ".requires_grad", ".requires_grad_()",
                   ".retain_grad()", ".is_leaf", ".register_hook()", "torch.no_grad()",
                   "torch.enable_grad()", "torch.set_grad_enabled()", "torch.autograd.grad()",
                   "torch.autograd.backward()")),
)
