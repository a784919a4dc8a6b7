"""Learner-facing sentences: translate (one note per translation rule). Each id maps to its English and Chinese text.

Rule notes may use ``{torch}`` and ``{numpy}`` (the two forms of the rule that fired) and
``{target}`` (the library translated into).
"""

MESSAGES: dict[str, dict[str, str]] = {
    # headings of the rendered translation
    "translate.heading_notes": {"en": "Notes", "zh": "说明"},
    "translate.heading_code": {"en": "{target} translation", "zh": "{target} 译文"},
    # statements that are not translated
    "translate.no_counterpart": {
        "en": "`{api}` has no {target} counterpart in the translation table, so this statement is not translated.",
        "zh": "翻译表里没有 `{api}` 在 {target} 中的对应写法，这条语句不做翻译。"},
    "translate.autograd": {
        "en": "`{api}` is autograd: NumPy has no automatic differentiation, so this statement runs in torch only.",
        "zh": "`{api}` 属于自动求导（autograd）：NumPy 没有自动微分，这条语句只在 torch 中运行。"},
    "translate.import_dropped": {
        "en": "`{api}` is imported for the source library only; the {target} side does not need it.",
        "zh": "`{api}` 只供原来的库使用，{target} 一侧不需要导入它。"},
    "translate.inplace_nested": {
        "en": "`{api}` changes a tensor in place inside a larger expression; it is translated only as a statement of its own.",
        "zh": "`{api}` 在更大的表达式里原地修改张量；只有它单独成句时才会翻译。"},
    "translate.different_meaning": {
        "en": "`{api}` exists in both libraries but means something else in each (in NumPy, `sort` and `resize` change the array in place, `nonzero` and `split` return other shapes), so this statement is not translated.",
        "zh": "两个库都有 `{api}`，但含义不同（在 NumPy 中 `sort` 和 `resize` 原地修改数组，`nonzero` 和 `split` 返回的形状也不同），所以这条语句不做翻译。"},
    "translate.import": {
        "en": "`{source}` becomes `{translation}`.",
        "zh": "`{source}` 换成 `{translation}`。"},
    # keywords and arguments
    "translate.dim_axis": {
        "en": "torch's `dim=` is NumPy's `axis=`.",
        "zh": "torch 的 `dim=` 对应 NumPy 的 `axis=`。"},
    "translate.keepdim": {
        "en": "torch's `keepdim=` is NumPy's `keepdims=` (with an s).",
        "zh": "torch 的 `keepdim=` 对应 NumPy 的 `keepdims=`（多一个 s）。"},
    "translate.keyword": {
        "en": "`{old}=` is called `{new}=` in {target}.",
        "zh": "`{old}=` 在 {target} 中叫 `{new}=`。"},
    "translate.axis_list": {
        "en": "The list of axes `{code}` becomes a tuple: NumPy accepts several axes only as a tuple.",
        "zh": "轴列表 `{code}` 要写成元组：NumPy 只接受用元组给出多个轴。"},
    "translate.varargs_shape": {
        "en": "`{code}` takes the sizes one by one; NumPy needs one tuple, `({sizes})`, because it reads a second positional argument as the dtype.",
        "zh": "`{code}` 可以逐个传入各维大小；NumPy 必须传一个元组 `({sizes})`，因为它把第二个位置参数当作 dtype。"},
    "translate.requires_grad_dropped": {
        "en": "`requires_grad=` is dropped: NumPy arrays do not track gradients.",
        "zh": "去掉了 `requires_grad=`：NumPy 数组不记录梯度。"},
    "translate.device_dropped": {
        "en": "Devices (`device=`, `.to('cpu')`, `.cpu()`) are dropped: NumPy arrays always live in main memory.",
        "zh": "去掉了设备相关的写法（`device=`、`.to('cpu')`、`.cpu()`）：NumPy 数组总在内存（CPU）中。"},
    "translate.generator_dropped": {
        "en": "`generator=` is dropped: NumPy draws from its own global generator, so the numbers differ anyway.",
        "zh": "去掉了 `generator=`：NumPy 使用自己的全局随机数生成器，抽到的数本来就不同。"},
    # dtypes
    "translate.float32_default": {
        "en": "torch makes float32 by default and NumPy float64, so the translation asks for `np.float32` to keep torch's numbers.",
        "zh": "torch 默认生成 float32，NumPy 默认生成 float64，所以译文显式要求 `np.float32`，保持与 torch 相同的数值。"},
    "translate.float64_default": {
        "en": "NumPy makes float64 by default and torch float32, so the translation asks for `torch.float64` to keep NumPy's numbers.",
        "zh": "NumPy 默认生成 float64，torch 默认生成 float32，所以译文显式要求 `torch.float64`，保持与 NumPy 相同的数值。"},
    "translate.dtype": {
        "en": "`{torch}` is `{numpy}`.",
        "zh": "`{torch}` 对应 `{numpy}`。"},
    "translate.tensor_type": {
        "en": "The type `torch.Tensor` is `np.ndarray`.",
        "zh": "类型 `torch.Tensor` 对应 `np.ndarray`。"},
    "translate.constant": {
        "en": "The constant `{torch}` is `{numpy}`.",
        "zh": "常量 `{torch}` 对应 `{numpy}`。"},
    "translate.newaxis": {
        "en": "`np.newaxis` is simply `None` in an index, in both libraries.",
        "zh": "`np.newaxis` 在索引里就是 `None`，两个库都一样。"},
    "translate.cast": {
        "en": "`{code}` is a cast: `{numpy}` in NumPy. As in torch, an array that has the dtype already is given back itself (`copy=False`), so a change to the result changes it too; any other array is copied.",
        "zh": "`{code}` 是类型转换：在 NumPy 中写作 `{numpy}`。与 torch 一样，已是该类型的数组原样返回（`copy=False`），修改结果也会改到它；其他数组会被复制。"},
    "translate.to": {
        "en": "`{code}` casts with `.astype(dtype)` in NumPy (`.to(dtype)` in torch). torch gives back a tensor that has the dtype already, NumPy's `astype` copies it: `copy=False` (or torch's `copy=True`) keeps the two alike. A device such as `'cpu'` is dropped, since NumPy arrays always live in main memory.",
        "zh": "`{code}` 的类型转换在 NumPy 中写作 `.astype(dtype)`（torch 中是 `.to(dtype)`）。已是该类型时 torch 原样返回张量，NumPy 的 `astype` 却会复制：`copy=False`（或 torch 的 `copy=True`）让两边一致。`'cpu'` 之类的设备参数会被去掉，因为 NumPy 数组总在内存（CPU）中。"},
    "translate.to_unknown": {
        "en": "`{api}` could mean a dtype, a device or another tensor (whose dtype and device it takes): which one is known only when the code runs, so this statement is not translated. Write a dtype such as `torch.float64` or a device string such as `'cpu'` to have it translated.",
        "zh": "`{api}` 的参数可能是 dtype、设备，也可能是另一个张量（取它的 dtype 和设备）：只有运行时才知道是哪一种，所以这条语句不做翻译。写成 `torch.float64` 这样的 dtype 或 `'cpu'` 这样的设备字符串，就能翻译。"},
    # creating arrays
    "translate.tensor": {
        "en": "`torch.tensor(list)` is `np.array(list)`; both copy the data. A list of floats gives float32 in torch but float64 in NumPy.",
        "zh": "`torch.tensor(list)` 对应 `np.array(list)`，两者都复制数据。浮点数列表在 torch 中得到 float32，在 NumPy 中得到 float64。"},
    "translate.as_tensor": {
        "en": "`torch.as_tensor` is `np.asarray`: neither copies when it does not have to.",
        "zh": "`torch.as_tensor` 对应 `np.asarray`：两者都尽量不复制数据。"},
    "translate.from_numpy": {
        "en": "`torch.from_numpy(a)` shares memory with `a`, like `np.asarray(a)`: changing one changes the other.",
        "zh": "`torch.from_numpy(a)` 与 `a` 共享内存，就像 `np.asarray(a)`：改动其中一个，另一个也跟着变。"},
    "translate.arange": {
        "en": "`torch.arange` is `np.arange`; `arange(4.0)` is float32 in torch but float64 in NumPy.",
        "zh": "`torch.arange` 对应 `np.arange`；`arange(4.0)` 在 torch 中是 float32，在 NumPy 中是 float64。"},
    "translate.filled": {
        "en": "`{torch}` is `{numpy}`; torch fills with float32 by default, NumPy with float64.",
        "zh": "`{torch}` 对应 `{numpy}`；torch 默认用 float32 填充，NumPy 默认用 float64。"},
    "translate.like": {
        "en": "`{torch}` is `{numpy}`: the new array takes the shape and dtype of its argument.",
        "zh": "`{torch}` 对应 `{numpy}`：新数组沿用参数的形状和 dtype。"},
    # random numbers
    "translate.random": {
        "en": "`{torch}` is `{numpy}`; the two generators never draw the same numbers, and NumPy's draws are float64.",
        "zh": "`{torch}` 对应 `{numpy}`；两个随机数生成器抽到的数永远不同，而且 NumPy 抽出的是 float64。"},
    "translate.randint": {
        "en": "`{code}`: NumPy reads the size as the keyword `size=`; the upper bound is excluded in both.",
        "zh": "`{code}`：NumPy 通过关键字 `size=` 读取形状；两者都不包含上界。"},
    "translate.normal": {
        "en": "`torch.normal(mean, std, size)` is `np.random.normal(loc, scale, size)`.",
        "zh": "`torch.normal(mean, std, size)` 对应 `np.random.normal(loc, scale, size)`。"},
    "translate.seed": {
        "en": "`torch.manual_seed` is `np.random.seed`, but the two generators draw different numbers from the same seed.",
        "zh": "`torch.manual_seed` 对应 `np.random.seed`，但同一个种子在两个生成器中给出的随机数不同。"},
    "translate.multinomial": {
        "en": "`Multinomial(n, p).sample(shape)` is `np.random.multinomial(n, p, size=shape)`; torch counts are float32 and NumPy's int64.",
        "zh": "`Multinomial(n, p).sample(shape)` 对应 `np.random.multinomial(n, p, size=shape)`；torch 的计数是 float32，NumPy 的是 int64。"},
    "translate.normal_distribution": {
        "en": "`Normal(loc, scale).sample(shape)` is `np.random.normal(loc, scale, size=shape)`; torch draws float32.",
        "zh": "`Normal(loc, scale).sample(shape)` 对应 `np.random.normal(loc, scale, size=shape)`；torch 抽出的是 float32。"},
    # elementwise
    "translate.elementwise": {
        "en": "`{torch}` is `{numpy}`, applied element by element; on integers torch gives float32 where NumPy gives float64.",
        "zh": "`{torch}` 对应 `{numpy}`，逐元素计算；对整数输入，torch 得到 float32，NumPy 得到 float64。"},
    "translate.elementwise_method": {
        "en": "NumPy arrays have no `{torch}` method: the translation calls `{numpy}(x, ...)`.",
        "zh": "NumPy 数组没有 `{torch}` 方法：译文改为调用 `{numpy}(x, ...)`。"},
    "translate.maximum_number": {
        "en": "`torch.{name}` needs two tensors; with a number, `np.{name}(x, c)` becomes `torch.clamp(x, ...=c)`.",
        "zh": "`torch.{name}` 要求两个参数都是张量；有一个是数时，`np.{name}(x, c)` 译成 `torch.clamp(x, ...=c)`。"},
    "translate.arithmetic": {
        "en": "`{torch}` is `{numpy}`, the function form of an arithmetic operator.",
        "zh": "`{torch}` 对应 `{numpy}`，即算术运算符的函数写法。"},
    "translate.clamp": {
        "en": "torch's `clamp` is NumPy's `clip` (torch also knows the name `clip`).",
        "zh": "torch 的 `clamp` 对应 NumPy 的 `clip`（torch 也认识 `clip` 这个名字）。"},
    # reductions
    "translate.reduce": {
        "en": "`{name}` reduces the same way in both; over all elements it gives a 0-d tensor in torch but a NumPy scalar.",
        "zh": "`{name}` 在两个库中的归约方式相同；对全部元素归约时，torch 得到 0 维张量，NumPy 得到标量。"},
    "translate.mean_int": {
        "en": "`mean` is the same in both for floats; torch's `mean` of an integer tensor is an error, NumPy's gives float64.",
        "zh": "对浮点数来说两个库的 `mean` 相同；torch 对整数张量求 `mean` 会报错，NumPy 则得到 float64。"},
    "translate.argsort": {
        "en": "`argsort` is the same in both, along the last axis unless told otherwise.",
        "zh": "两个库的 `argsort` 相同，不指定时都沿最后一个轴排序。"},
    "translate.argsort_kind": {
        "en": "NumPy's `kind=` picks the sorting algorithm; torch has only `stable=True` (NumPy's `'stable'` or `'mergesort'`). The other kinds give the same order, except perhaps among equal values.",
        "zh": "NumPy 的 `kind=` 用来选择排序算法；torch 只有 `stable=True`（对应 NumPy 的 `'stable'` 或 `'mergesort'`）。其他算法给出的顺序相同，只是相等的值之间可能不同。"},
    "translate.argsort_flat": {
        "en": "`axis=None` sorts the flattened array; torch's `argsort` has no such option, so the translation flattens first.",
        "zh": "`axis=None` 对展平后的数组排序；torch 的 `argsort` 没有这个选项，所以译文先展平。"},
    "translate.argsort_descending": {
        "en": "NumPy's `argsort` has no `descending=`: the ascending order flipped along the same axis (`np.flip`) is the descending one. Equal values may come out in another order.",
        "zh": "NumPy 的 `argsort` 没有 `descending=` 参数：把升序结果沿同一轴用 `np.flip` 翻转，就是降序。相等的值之间顺序可能不同。"},
    "translate.std_ddof": {
        "en": "torch's `std`/`var` divide by n−1 (`correction=1`), NumPy's by n (`ddof=0`): the translation writes the divisor out so both sides agree.",
        "zh": "torch 的 `std`/`var` 除以 n−1（`correction=1`），NumPy 除以 n（`ddof=0`）：译文把除数写明，让两边结果一致。"},
    "translate.var_mean": {
        "en": "`{torch}` gives a tuple of two tensors, the variance (or standard deviation) and the mean; NumPy computes each one, `({numpy}(x, ddof=1), np.mean(x))`. Like `torch.var` and `torch.std`, it divides by n−1 unless told `correction=0` (or `unbiased=False`), so the translation writes the divisor out as `ddof=`.",
        "zh": "`{torch}` 返回两个张量组成的元组：离散程度（方差或标准差）和均值；NumPy 要分别计算，`({numpy}(x, ddof=1), np.mean(x))`。与 `torch.var`、`torch.std` 一样，它默认除以 n−1（除非写 `correction=0` 或 `unbiased=False`），所以译文用 `ddof=` 把除数写明。"},
    "translate.max_dim": {
        "en": "`{torch}` with a `dim` returns two things, the values and their indices; NumPy needs `max(axis=...)` for the values and `argmax(axis=...)` for the indices.",
        "zh": "`{torch}` 带 `dim` 时返回两样东西：最值和它们的下标；NumPy 要用 `max(axis=...)` 取值、用 `argmax(axis=...)` 取下标。"},
    "translate.max_pair": {
        "en": "`torch.{name}(x, y)` with two tensors is the elementwise `np.{name}imum(x, y)`.",
        "zh": "两个张量的 `torch.{name}(x, y)` 是逐元素的 `np.{name}imum(x, y)`。"},
    "translate.amax": {
        "en": "`{torch}` is NumPy's `{numpy}`: values only, never indices.",
        "zh": "`{torch}` 对应 NumPy 的 `{numpy}`：只返回值，不返回下标。"},
    "translate.cumsum": {
        "en": "`{torch}` needs `dim=` in torch; without `axis`, NumPy's `{numpy}` runs over the flattened array.",
        "zh": "torch 的 `{torch}` 必须给出 `dim=`；NumPy 的 `{numpy}` 不给 `axis` 时会先把数组展平。"},
    # products and norms
    "translate.dot": {
        "en": "`torch.dot` takes only two 1-D tensors of the same dtype; `np.dot` also multiplies matrices and mixes dtypes.",
        "zh": "`torch.dot` 只接受两个 dtype 相同的一维张量；`np.dot` 还能做矩阵乘法，也能混合 dtype。"},
    "translate.dot_to_torch": {
        "en": "`np.dot` becomes `torch.matmul`: `torch.dot` accepts only 1-D tensors, while `matmul` multiplies vectors and matrices as `np.dot` does (they differ only beyond 2-D); torch also needs both operands of one dtype.",
        "zh": "`np.dot` 译成 `torch.matmul`：`torch.dot` 只接受一维张量，而 `matmul` 对向量和矩阵的计算与 `np.dot` 相同（只在二维以上才有差别）；torch 还要求两个操作数的 dtype 相同。"},
    "translate.matmul": {
        "en": "`torch.matmul` is `np.matmul`, the `@` operator; both broadcast batch dimensions.",
        "zh": "`torch.matmul` 对应 `np.matmul`，即 `@` 运算符；两者都会广播批量维度。"},
    "translate.mv": {
        "en": "`{code}` is the matrix-vector product, `@` (`np.matmul`).",
        "zh": "`{code}` 是矩阵-向量积，即 `@`（`np.matmul`）。"},
    "translate.mm": {
        "en": "`torch.mm` multiplies 2-D matrices only; `np.matmul` (`@`) also broadcasts.",
        "zh": "`torch.mm` 只做二维矩阵乘法；`np.matmul`（`@`）还会广播。"},
    "translate.outer": {
        "en": "`torch.outer` is `np.outer`.",
        "zh": "`torch.outer` 对应 `np.outer`。"},
    "translate.cross": {
        "en": "`{torch}` is `np.cross`, along the last axis unless `dim=` (NumPy's `axis=`) says otherwise. torch wants vectors of length 3, both tensors with the same number of axes and one dtype; NumPy also broadcasts, mixes dtypes and (deprecated) takes vectors of length 2.",
        "zh": "`{torch}` 对应 `np.cross`，默认沿最后一个轴，`dim=`（NumPy 的 `axis=`）可以另选。torch 要求向量长度为 3、两个张量的轴数相同且 dtype 一致；NumPy 还会广播、混合 dtype，并且（已弃用）接受长度为 2 的向量。"},
    "translate.cross_first_axis": {
        "en": "`{code}` gives no `dim=`, so torch takes the first axis of length 3 of its first tensor (deprecated: torch's default will become the last axis, as in `torch.linalg.cross`). `np.cross` uses the last axis, so the translation names torch's: `axis=x.shape.index(3)`. Write `dim=` to say which axis you mean.",
        "zh": "`{code}` 没有写 `dim=`，所以 torch 取第一个张量中第一个长度为 3 的轴（已弃用：torch 的默认值将改为最后一个轴，与 `torch.linalg.cross` 一致）。`np.cross` 默认用最后一个轴，所以译文写明 torch 所取的轴：`axis=x.shape.index(3)`。请写上 `dim=` 指明要用哪个轴。"},
    "translate.inner": {
        "en": "`torch.inner` is `np.inner`: the dot product of two vectors, and beyond 1-D the sum over the last axis of each (not a matrix product: `inner(A, B)` is `A @ B.T`); torch needs both operands of one dtype.",
        "zh": "`torch.inner` 对应 `np.inner`：两个向量的点积；超过一维时对两者的最后一个轴求积再求和（不是矩阵乘法：`inner(A, B)` 等于 `A @ B.T`）；torch 要求两个操作数的 dtype 相同。"},
    "translate.norm": {
        "en": "`torch.norm`/`x.norm()` is `np.linalg.norm` (arrays have no `.norm()`; `p=` is `ord=`); with `p` and no `dim`, torch measures the whole tensor as one vector, so the translation flattens it.",
        "zh": "`torch.norm`/`x.norm()` 对应 `np.linalg.norm`（数组没有 `.norm()` 方法；`p=` 对应 `ord=`）；给了 `p` 却没给 `dim` 时，torch 把整个张量当作一个向量，所以译文先把它展平。"},
    "translate.linalg_norm": {
        "en": "`torch.linalg.norm` is `np.linalg.norm`, with the same `ord`.",
        "zh": "`torch.linalg.norm` 对应 `np.linalg.norm`，`ord` 的含义相同。"},
    "translate.vector_norm": {
        "en": "`torch.linalg.vector_norm` treats the tensor as a vector: without `dim` the translation flattens it (`x.ravel()`); L1 is `ord=1`.",
        "zh": "`torch.linalg.vector_norm` 把张量当作向量：没有 `dim` 时译文先展平（`x.ravel()`）；L1 范数是 `ord=1`。"},
    "translate.matrix_norm": {
        "en": "`torch.linalg.matrix_norm` is `np.linalg.norm` of a matrix: `ord='fro'` (the default) or `'nuc'`.",
        "zh": "`torch.linalg.matrix_norm` 对应矩阵的 `np.linalg.norm`：`ord='fro'`（默认）或 `'nuc'`。"},
    # joining and shapes
    "translate.cat": {
        "en": "`torch.cat` is `np.concatenate`.",
        "zh": "`torch.cat` 对应 `np.concatenate`。"},
    "translate.concatenate_flat": {
        "en": "`axis=None` flattens every array before joining them; torch's `cat` has no `dim=None`, so the translation flattens each one first.",
        "zh": "`axis=None` 先把每个数组展平再拼接；torch 的 `cat` 没有 `dim=None`，所以译文先逐个展平。"},
    "translate.chunk": {
        "en": "`{code}` cuts pieces of ceil(n / chunks) elements, the last one shorter, so there may be fewer pieces than asked: 5 elements in 4 chunks are 2, 2, 1 in torch, while `np.array_split` would make 2, 1, 1, 1. The translation splits at torch's own points with `np.split` and makes the list a tuple, as torch gives.",
        "zh": "`{code}` 按每块 ceil(n / chunks) 个元素切分，最后一块较短，所以块数可能比要求的少：5 个元素分 4 块，torch 得到 2、2、1，而 `np.array_split` 会得到 2、1、1、1。译文用 `np.split` 在 torch 的切分点处切开，并像 torch 一样把结果列表变成元组。"},
    "translate.split": {
        "en": "`np.split(x, k)` cuts k equal pieces (an error when they cannot be equal), and `np.split(x, [i, j])` cuts at those indices. torch's own `split` means pieces of a given size, so the translation uses `torch.tensor_split`, which cuts the same pieces (where NumPy would refuse unequal ones, it makes them, like `np.array_split`); torch gives a tuple, NumPy a list.",
        "zh": "`np.split(x, k)` 切成 k 个相等的块（不能等分时报错），`np.split(x, [i, j])` 在这些下标处切开。torch 自己的 `split` 表示按给定大小切块，所以译文用 `torch.tensor_split`，切出相同的块（NumPy 拒绝的不等分，它会像 `np.array_split` 一样照切不误）；torch 返回元组，NumPy 返回列表。"},
    "translate.array_split": {
        "en": "`np.array_split` is `torch.tensor_split`: k pieces whose sizes differ by one at most (the first ones longer), or cuts at the given indices; torch gives a tuple, NumPy a list.",
        "zh": "`np.array_split` 对应 `torch.tensor_split`：切成 k 块，大小最多相差一（前面的块较长），或在给定的下标处切开；torch 返回元组，NumPy 返回列表。"},
    "translate.append": {
        "en": "torch has no `append`: `torch.cat`. Without `axis`, `np.append` flattens both arrays first (two matrices give one 1-D array), so the translation flattens them too; with `axis` it is `concatenate`. Both copy. The dtype follows each library's promotion: float32 joined with integers stays float32 in torch, becomes float64 in NumPy.",
        "zh": "torch 没有 `append`：写作 `torch.cat`。不给 `axis` 时，`np.append` 先把两个数组都展平（两个矩阵得到一个一维数组），所以译文也先展平；给了 `axis` 就是 `concatenate`。两者都会复制数据。dtype 遵循各自的类型提升：float32 与整数拼接，在 torch 中仍是 float32，在 NumPy 中变成 float64。"},
    "translate.stack": {
        "en": "`torch.stack` is `np.stack`: both join along a new axis.",
        "zh": "`torch.stack` 对应 `np.stack`：两者都沿一个新轴拼接。"},
    "translate.reshape": {
        "en": "`reshape` is the same in both; either may return a view or a copy.",
        "zh": "两个库的 `reshape` 相同；都可能返回视图，也可能返回副本。"},
    "translate.view": {
        "en": "`view` is `reshape` in NumPy; a torch view always shares memory with the original: changing one changes the other.",
        "zh": "`view` 在 NumPy 中写作 `reshape`；torch 的 view 总与原张量共享内存：改动其中一个，另一个也跟着变。"},
    "translate.flatten": {
        "en": "torch's `flatten` gives a view that shares memory with the tensor where it can, as NumPy's `ravel` does, so it translates to `ravel`; NumPy's own `flatten` always copies, and an in-place change afterwards would show on one side only. torch's `start_dim` becomes a `reshape` that keeps the leading axes.",
        "zh": "torch 的 `flatten` 能返回视图时就返回与原张量共享内存的视图，与 NumPy 的 `ravel` 相同，所以译成 `ravel`；NumPy 自己的 `flatten` 总是复制，之后的原地修改只会出现在一侧。torch 的 `start_dim` 译成保留前面各轴的 `reshape`。"},
    "translate.flatten_copies": {
        "en": "NumPy's `flatten` always copies, while torch's `flatten` may give a view that shares memory: `.clone()` keeps the copy, so an in-place change afterwards shows on neither side's original.",
        "zh": "NumPy 的 `flatten` 总是复制，torch 的 `flatten` 却可能返回共享内存的视图：加上 `.clone()` 保留这份副本，之后的原地修改不会改到两边的原数组。"},
    "translate.squeeze": {
        "en": "`squeeze` is the same; squeezing an axis whose size is not 1 does nothing in torch but is an error in NumPy.",
        "zh": "`squeeze` 相同；压缩一个长度不为 1 的轴时，torch 什么也不做，NumPy 会报错。"},
    "translate.unsqueeze": {
        "en": "`{code}` adds an axis of length 1: `unsqueeze` in torch, `np.expand_dims` in NumPy.",
        "zh": "`{code}` 增加一个长度为 1 的轴：torch 中是 `unsqueeze`，NumPy 中是 `np.expand_dims`。"},
    "translate.transpose": {
        "en": "torch's `transpose(d0, d1)` swaps two axes: `np.swapaxes`. NumPy's own `transpose` reorders all axes, like torch's `permute`.",
        "zh": "torch 的 `transpose(d0, d1)` 交换两个轴，对应 `np.swapaxes`；NumPy 自己的 `transpose` 重排所有轴，相当于 torch 的 `permute`。"},
    "translate.permute": {
        "en": "torch's `permute` is NumPy's `transpose` with the new order of the axes.",
        "zh": "torch 的 `permute` 对应给出新轴顺序的 NumPy `transpose`。"},
    "translate.T": {
        "en": "`.T` is the same for matrices; beyond 2-D NumPy reverses all axes and torch deprecates it.",
        "zh": "对矩阵来说 `.T` 相同；超过二维时 NumPy 反转所有轴，而 torch 已不推荐这样用。"},
    "translate.flip": {
        "en": "`flip(dims)` is `np.flip(x, axis)`.",
        "zh": "`flip(dims)` 对应 `np.flip(x, axis)`。"},
    "translate.repeat": {
        "en": "`{code}` tiles the whole tensor: `np.tile` in NumPy, with the counts as one tuple. NumPy's `repeat` repeats each element instead (torch's `repeat_interleave`).",
        "zh": "`{code}` 把整个张量平铺：在 NumPy 中写作 `np.tile`，次数写成一个元组。NumPy 的 `repeat` 则是逐个元素重复（即 torch 的 `repeat_interleave`）。"},
    "translate.repeat_interleave": {
        "en": "torch's `repeat_interleave` is NumPy's `repeat`: each element repeated in place.",
        "zh": "torch 的 `repeat_interleave` 对应 NumPy 的 `repeat`：每个元素就地重复。"},
    "translate.mT": {
        "en": "`.mT` swaps the last two axes: `np.swapaxes(x, -1, -2)`.",
        "zh": "`.mT` 交换最后两个轴：`np.swapaxes(x, -1, -2)`。"},
    # copies and conversions
    "translate.clone": {
        "en": "`clone()` is `copy()`: a new array with its own memory.",
        "zh": "`clone()` 对应 `copy()`：得到拥有独立内存的新数组。"},
    "translate.detach": {
        "en": "`detach()` leaves the autograd graph but shares memory (it is not a copy); NumPy has no graph, so the translation uses the array itself.",
        "zh": "`detach()` 脱离自动求导的计算图，但仍共享内存（并不是副本）；NumPy 没有计算图，所以译文直接使用数组本身。"},
    "translate.data": {
        "en": "`x.data` is the tensor's values without autograd history, sharing memory (like `detach()`); a NumPy array has no history: the array itself.",
        "zh": "`x.data` 是去掉自动求导历史的张量数值，与原张量共享内存（类似 `detach()`）；NumPy 数组没有求导历史：直接使用数组本身。"},
    "translate.numpy": {
        "en": "`x.numpy()` shares memory with `x`: the translation uses the array itself, and changing one changes the other.",
        "zh": "`x.numpy()` 与 `x` 共享内存：译文直接使用数组本身，改动其中一个，另一个也跟着变。"},
    "translate.contiguous": {
        "en": "`.contiguous()` has nothing to do in the translation: the array itself.",
        "zh": "`.contiguous()` 在译文中无事可做：直接使用数组本身。"},
    "translate.item": {
        "en": "`item()` gives a plain Python number in both.",
        "zh": "两个库的 `item()` 都返回普通的 Python 数。"},
    "translate.tolist": {
        "en": "`tolist()` gives nested Python lists in both.",
        "zh": "两个库的 `tolist()` 都返回嵌套的 Python 列表。"},
    "translate.scalar_builtin": {
        "en": "`{code}` works on a one-element tensor in torch; NumPy 2 refuses `float()`/`int()` of a one-element 1-D array, so the translation calls `.item()` first.",
        "zh": "在 torch 中 `{code}` 可以作用于单元素张量；NumPy 2 不允许对单元素一维数组用 `float()`/`int()`，所以译文先调用 `.item()`。"},
    # sizes
    "translate.size": {
        "en": "`{code}` is the shape in NumPy (`x.shape`, or `x.shape[d]` for one axis); NumPy's `size` is the number of elements.",
        "zh": "`{code}` 在 NumPy 中是形状（`x.shape`，单个轴为 `x.shape[d]`）；NumPy 的 `size` 是元素个数。"},
    "translate.numel": {
        "en": "torch's `numel()` is NumPy's `size`, an attribute without parentheses.",
        "zh": "torch 的 `numel()` 对应 NumPy 的 `size`，它是属性，不加括号。"},
    "translate.ndim": {
        "en": "`x.dim()` is `x.ndim` (torch has `ndim` too).",
        "zh": "`x.dim()` 对应 `x.ndim`（torch 也有 `ndim`）。"},
    # in place
    "translate.fill": {
        "en": "`{code}` fills the tensor in place: NumPy assigns to every element, `a[...] = value`.",
        "zh": "`{code}` 原地填充张量：NumPy 中对所有元素赋值，写作 `a[...] = value`。"},
    "translate.inplace_unary": {
        "en": "`{code}` changes the tensor in place (the trailing underscore): `{numpy}(..., out=...)` into the same array in NumPy.",
        "zh": "`{code}` 原地修改张量（名字末尾的下划线）：在 NumPy 中写作 `{numpy}(..., out=...)`，结果写回同一个数组。"},
    "translate.median": {
        "en": "`{api}` has no exact {target} counterpart: for an even count torch's `median` returns the lower of the two middle values (and with `dim`, values and indices), while `np.median` averages them. This statement is not translated.",
        "zh": "`{api}` 在 {target} 中没有完全对应的写法：元素个数为偶数时，torch 的 `median` 返回两个中间值中较小的那个（指定 `dim` 时还返回索引），而 `np.median` 取两者的平均。这条语句不做翻译。"},
    "translate.tensor_only": {
        "en": "`{api}` is a tensor method that NumPy arrays do not have (for `expand`, NumPy writes `np.broadcast_to(x, shape)`; for `new_zeros` and the like, `np.zeros(shape, dtype=x.dtype)`), so this statement is not translated.",
        "zh": "`{api}` 是张量特有的方法，NumPy 数组没有（`expand` 在 NumPy 中写作 `np.broadcast_to(x, shape)`；`new_zeros` 之类写作 `np.zeros(shape, dtype=x.dtype)`），所以这条语句不做翻译。"},
    "translate.inplace_tensor_only": {
        "en": "`{api}` changes a tensor in place (the trailing underscore); NumPy arrays have no such method, so this statement is not translated.",
        "zh": "`{api}` 原地修改张量（名字末尾的下划线）；NumPy 数组没有这样的方法，所以这条语句不做翻译。"},
    "translate.inplace": {
        "en": "`{code}` changes the tensor in place (the trailing underscore): `{numpy}(..., out=...)` into the same array in NumPy.",
        "zh": "`{code}` 原地修改张量（名字末尾的下划线）：在 NumPy 中写作 `{numpy}(..., out=...)`，结果写回同一个数组。"},
    # added rules: creation, random, elementwise, counting, indexing
    "translate.eye_k": {
        "en": "torch's `eye` has no `k` (an off-diagonal): the translation keeps ones on diagonal k alone, `torch.ones(N, M).triu(k).tril(k)`.",
        "zh": "torch 的 `eye` 没有 `k`（偏离主对角线的对角线）：译文只在第 k 条对角线上保留 1，写作 `torch.ones(N, M).triu(k).tril(k)`。"},
    "translate.identity": {
        "en": "`np.identity(n)` is `torch.eye(n)`.",
        "zh": "`np.identity(n)` 对应 `torch.eye(n)`。"},
    "translate.endpoint": {
        "en": "`{code}`: torch's `linspace` always includes the stop, so the translation takes one more point and drops the last.",
        "zh": "`{code}`：torch 的 `linspace` 总是包含终点，所以译文多取一个点，再去掉最后一个。"},
    "translate.randperm": {
        "en": "`torch.randperm(n)` is `np.random.permutation(n)`: the numbers 0 to n−1 in random order.",
        "zh": "`torch.randperm(n)` 对应 `np.random.permutation(n)`：0 到 n−1 的随机排列。"},
    "translate.permutation_array": {
        "en": "`{api}` shuffles an array when given one and permutes `range(n)` when given a count; which one is known only when the code runs, so this statement is not translated. Write `torch.randperm(n)` (or `x[torch.randperm(len(x))]`).",
        "zh": "`{api}` 的参数是数组时打乱数组，是整数时给出 `range(n)` 的排列；只有运行时才知道是哪一种，所以这条语句不做翻译。请写 `torch.randperm(n)`（或 `x[torch.randperm(len(x))]`）。"},
    "translate.uniform": {
        "en": "`np.random.uniform(low, high, size)` is `torch.empty(size).uniform_(low, high)`: torch fills an existing tensor in place; the two generators draw different numbers.",
        "zh": "`np.random.uniform(low, high, size)` 对应 `torch.empty(size).uniform_(low, high)`：torch 原地填充一个已有的张量；两个生成器抽到的数不同。"},
    "translate.uniform_arrays": {
        "en": "`{api}` has bounds that may be arrays; torch's `uniform_` takes numbers only, so this statement is not translated.",
        "zh": "`{api}` 的上下界可能是数组；torch 的 `uniform_` 只接受数，所以这条语句不做翻译。"},
    "translate.uniform_distribution": {
        "en": "`Uniform(low, high).sample(shape)` is `np.random.uniform(low, high, size=shape)`; torch draws float32.",
        "zh": "`Uniform(low, high).sample(shape)` 对应 `np.random.uniform(low, high, size=shape)`；torch 抽出的是 float32。"},
    "translate.random_like": {
        "en": "`{torch}` draws with the shape and dtype of its argument: `{numpy}(*x.shape).astype(x.dtype)`.",
        "zh": "`{torch}` 按参数的形状和 dtype 抽样：`{numpy}(*x.shape).astype(x.dtype)`。"},
    "translate.meshgrid": {
        "en": "`meshgrid` is the same in both, but NumPy's default is `indexing='xy'` and torch's `'ij'`: the translation says which.",
        "zh": "两个库都有 `meshgrid`，但 NumPy 默认 `indexing='xy'`，torch 默认 `'ij'`：译文写明用哪一种。"},
    "translate.cuda": {
        "en": "`torch.cuda.is_available()` is `False` on the NumPy side: NumPy never computes on a GPU.",
        "zh": "`torch.cuda.is_available()` 在 NumPy 一侧是 `False`：NumPy 从不在 GPU 上计算。"},
    "translate.round": {
        "en": "`round` is the same in both: halves go to the even neighbour (`round(2.5)` is 2). With `decimals=`, torch rounds floats only: an integer tensor is an error there, while NumPy rounds integers too.",
        "zh": "两个库的 `round` 相同：恰好一半时取偶数（`round(2.5)` 得 2）。带 `decimals=` 时 torch 只能对浮点数取整：整数张量会报错，而 NumPy 也能对整数取整。"},
    "translate.comparison": {
        "en": "`{torch}` is `{numpy}`, the function form of a comparison operator.",
        "zh": "`{torch}` 对应 `{numpy}`，即比较运算符的函数写法。"},
    "translate.equal": {
        "en": "`torch.equal` is `np.array_equal`: one `True` or `False` for the whole arrays, not one per element.",
        "zh": "`torch.equal` 对应 `np.array_equal`：对整个数组给出一个 `True` 或 `False`，而不是逐元素比较。"},
    "translate.sigmoid": {
        "en": "NumPy has no `sigmoid`: the translation writes `1 / (1 + np.exp(-x))`.",
        "zh": "NumPy 没有 `sigmoid`：译文写成 `1 / (1 + np.exp(-x))`。"},
    "translate.relu": {
        "en": "NumPy has no `relu`: the translation writes `np.maximum(x, 0)`, which keeps the positive part and the dtype.",
        "zh": "NumPy 没有 `relu`：译文写成 `np.maximum(x, 0)`，保留正的部分，dtype 不变。"},
    "translate.softmax": {
        "en": "NumPy has no `softmax`: the translation exponentiates and divides by the sum along `axis` (`dim`), after subtracting the maximum as torch does, so large values do not overflow.",
        "zh": "NumPy 没有 `softmax`：译文先减去最大值（与 torch 一样，以免大数溢出），再取指数，并除以沿 `axis`（即 `dim`）的和。"},
    "translate.log_softmax": {
        "en": "NumPy has no `log_softmax`: the translation subtracts the maximum along `axis` (`dim`), then the log of the sum of exponentials; taking `np.log` of a softmax instead loses precision for small probabilities.",
        "zh": "NumPy 没有 `log_softmax`：译文沿 `axis`（即 `dim`）减去最大值，再减去指数之和的对数；若对 softmax 的结果取 `np.log`，很小的概率会损失精度。"},
    "translate.softmax_dim": {
        "en": "`{api}` without `dim=` makes torch guess the axis (deprecated); write `dim=` to have it translated.",
        "zh": "`{api}` 不写 `dim=` 时 torch 会自己猜沿哪个轴（已弃用）；写上 `dim=` 才能翻译。"},
    "translate.written_out_import": {
        "en": "`{module}` has no NumPy module: the translation writes each of its functions as a NumPy expression, so it imports NumPy instead (`{translation}`).",
        "zh": "`{module}` 在 NumPy 中没有对应的模块：译文把其中每个函数写成 NumPy 表达式，所以改为导入 NumPy（`{translation}`）。"},
    "translate.sort": {
        "en": "torch's `sort` returns the values and their indices; NumPy's `np.sort` the values only (`np.argsort` gives the indices), and NumPy's method `a.sort()` sorts in place.",
        "zh": "torch 的 `sort` 返回排好的值和它们的下标；NumPy 的 `np.sort` 只返回值（下标用 `np.argsort`），而 NumPy 的方法 `a.sort()` 是原地排序。"},
    "translate.index_select": {
        "en": "`{code}` picks whole slices along one axis: `np.take(x, index, axis=dim)` in NumPy.",
        "zh": "`{code}` 沿一个轴取出整片：在 NumPy 中写作 `np.take(x, index, axis=dim)`。"},
    "translate.gather": {
        "en": "`{code}` picks one element per index along `dim` (the index has the tensor's number of axes): `np.take_along_axis(x, index, axis=dim)` in NumPy.",
        "zh": "`{code}` 沿 `dim` 为每个下标取一个元素（下标与张量的轴数相同）：在 NumPy 中写作 `np.take_along_axis(x, index, axis=dim)`。"},
    "translate.masked_fill": {
        "en": "`{code}` puts the value where the mask is true: `np.where(mask, value, x)` in NumPy, kept in the tensor's dtype because torch casts the value to it (1.5 written into an integer tensor is 1, where `np.where` alone would give floats). The in-place `masked_fill_` writes the result back into the same array, `x[...] = ...`.",
        "zh": "`{code}` 在掩码为真的位置填入给定的值：在 NumPy 中写作 `np.where(mask, value, x)`，并保持张量原来的 dtype，因为 torch 会把值转换成该 dtype（把 1.5 写进整数张量得到 1，而单用 `np.where` 会得到浮点数）。原地版本 `masked_fill_` 把结果写回同一个数组，`x[...] = ...`。"},
    "translate.masked_select": {
        "en": "`{code}` gives the elements where the mask is true, flattened in order: `x[mask]` in NumPy (torch's `x[mask]` is the same).",
        "zh": "`{code}` 按顺序取出掩码为真的元素，结果是一维的：在 NumPy 中写作 `x[mask]`（torch 的 `x[mask]` 也一样）。"},
    "translate.nonzero": {
        "en": "`np.nonzero(x)` is a tuple of index arrays, one per axis: torch's `nonzero(x, as_tuple=True)`. Without `as_tuple`, torch gives one (count, ndim) tensor: `np.argwhere(x)`.",
        "zh": "`np.nonzero(x)` 返回每个轴一个下标数组组成的元组，对应 torch 的 `nonzero(x, as_tuple=True)`；不加 `as_tuple` 时，torch 返回一个（个数, 维数）的张量，对应 `np.argwhere(x)`。"},
    "translate.median_quantile": {
        "en": "`np.median` averages the two middle values of an even count, as `torch.quantile(x, 0.5)` does; torch's own `median` returns the lower one.",
        "zh": "元素个数为偶数时，`np.median` 取两个中间值的平均，`torch.quantile(x, 0.5)` 也是如此；torch 自己的 `median` 返回较小的那个。"},
    "translate.same": {
        "en": "`{torch}` is `{numpy}`.",
        "zh": "`{torch}` 对应 `{numpy}`。"},
    "translate.put": {
        "en": "`np.put(a, ind, v)` is `a.put_(ind, v)` in torch (flat indices, in place); torch wants the indices and values as tensors.",
        "zh": "`np.put(a, ind, v)` 在 torch 中写作 `a.put_(ind, v)`（按展平后的下标原地写入）；torch 要求下标和值都是张量。"},
    "translate.add_at": {
        "en": "`np.add.at(a, ind, v)` adds once for every index, repeated ones included; in torch that is `a.index_put_((ind,), v, accumulate=True)`. (`a[ind] += v` would add only once per repeated index.)",
        "zh": "`np.add.at(a, ind, v)` 对每个下标都加一次，重复的下标也会重复相加；在 torch 中写作 `a.index_put_((ind,), v, accumulate=True)`。（`a[ind] += v` 对重复的下标只加一次。）"},
    "translate.flat": {
        "en": "torch tensors have no `.flat`: `x.reshape(-1)` is the flattened view of a contiguous tensor, for reading and writing.",
        "zh": "torch 张量没有 `.flat`：对连续存储的张量，`x.reshape(-1)` 就是展平后的视图，可读可写。"},
    "translate.stride": {
        "en": "torch's `x.stride()` counts the steps in elements, NumPy's `x.strides` in bytes: the translation converts with the item size.",
        "zh": "torch 的 `x.stride()` 以元素个数计步长，NumPy 的 `x.strides` 以字节计：译文用每个元素的字节数换算。"},
    "translate.as_strided": {
        "en": "`as_strided` is the same view in both, but torch counts the strides in elements and NumPy in bytes: the translation converts with the item size. A wrong stride reads memory outside the array in both.",
        "zh": "两个库的 `as_strided` 给出相同的视图，但 torch 的步长以元素计，NumPy 以字节计：译文用每个元素的字节数换算。步长写错时，两边都会读到数组之外的内存。"},
    "translate.unfold": {
        "en": "torch's `x.unfold(d, size, step)` is NumPy's `sliding_window_view(x, size, axis=d)` taking every `step`-th window; both put the window's axis last.",
        "zh": "torch 的 `x.unfold(d, size, step)` 对应 NumPy 的 `sliding_window_view(x, size, axis=d)` 再每隔 `step` 个取一个窗口；两者都把窗口所在的轴放在最后。"},
    "translate.unfold_axis": {
        "en": "`{api}` without `axis=` slides a window over every axis of an array of any rank; torch's `unfold` slides along one dimension, so only the form with `axis=` and one window size is translated.",
        "zh": "不带 `axis=` 的 `{api}` 会在任意维数组的每个轴上滑动窗口；torch 的 `unfold` 只沿一个维度滑动，所以只翻译带 `axis=` 且只有一个窗口大小的写法。"},
    "translate.list_to_tensor": {
        "en": "NumPy accepts the plain Python `{code}` (a list or a number) where torch needs a tensor, so the translation makes one: `torch.tensor({code})`.",
        "zh": "NumPy 可以直接接受 Python 的列表或数 `{code}`，torch 这里需要张量，所以译文先把它变成 `torch.tensor({code})`。"},
    "translate.negative_step": {
        "en": "torch has no negative steps: `{code}` becomes `{translation}` (flip the axis, then step forward).",
        "zh": "torch 不支持负步长：`{code}` 译成 `{translation}`（先翻转这个轴，再正向取步长）。"},
    "translate.negative_step_refused": {
        "en": "`{api}` uses a negative step with a start, a stop or an assignment; torch has no negative steps, and this form has no one-line `torch.flip` counterpart, so this statement is not translated.",
        "zh": "`{api}` 在带起点、终点或赋值的切片中使用了负步长；torch 不支持负步长，这种写法也没有一行 `torch.flip` 的对应写法，所以这条语句不做翻译。"},
    "translate.int_to_float": {
        "en": "NumPy converts the integers of `{data}` to float64 before a mean, std, var or norm; torch refuses integer tensors there, so the translation converts them first (`{data}.double()`) when they are integers.",
        "zh": "NumPy 在求 mean、std、var 或 norm 之前会把 `{data}` 中的整数转成 float64；torch 遇到整数张量会报错，所以译文在它是整数时先转换（`{data}.double()`）。"},
    # NumPy forms without a torch counterpart
    "translate.subclass": {
        "en": "This is an ndarray subclass (a matrix, masked, record or memory-mapped array) with its own rules for operators and indexing; torch tensors have no such kinds, so this statement is not translated.",
        "zh": "这是 ndarray 的子类（矩阵、掩码数组、记录数组或内存映射数组），运算符和索引都有自己的规则；torch 张量没有这些种类，所以这条语句不做翻译。"},
    "translate.structured": {
        "en": "Structured (named fields), string, datetime and object arrays have no tensor counterpart: torch tensors hold numbers and booleans only, so this statement is not translated.",
        "zh": "结构化数组（带字段名）、字符串、日期时间和对象数组没有对应的张量：torch 张量只能存放数值和布尔值，所以这条语句不做翻译。"},
    "translate.flags": {
        "en": "`.flags` describes a NumPy array's memory (writeable, owns its data, C- or F-contiguous); torch has `x.is_contiguous()` but no flags, so this statement is not translated.",
        "zh": "`.flags` 描述 NumPy 数组的内存属性（可写、是否拥有数据、C 或 F 连续）；torch 只有 `x.is_contiguous()`，没有 flags，所以这条语句不做翻译。"},
    "translate.view_dtype": {
        "en": "NumPy's `a.view(dtype)` reinterprets the same bytes as another dtype, while torch's `view` changes the shape; the two cannot be told apart here, so this statement is not translated.",
        "zh": "NumPy 的 `a.view(dtype)` 把同一段字节重新解释成另一种 dtype，而 torch 的 `view` 改变形状；这里无法区分，所以这条语句不做翻译。"},
}
