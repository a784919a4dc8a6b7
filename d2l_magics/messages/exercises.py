"""Learner-facing sentences: exercises. Each id maps to its English and Chinese text.

First the labels and the verdicts every exercise shares, then, per exercise (in the order of the
notes), its title, prompt, hints, why its solution is right, and the mistakes only it can make.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # -- labels ------------------------------------------------------------------------------
    "exercise.label.labelled": {"en": "{label}: {text}", "zh": "{label}：{text}"},
    "exercise.label.exercise": {"en": "Exercise", "zh": "练习"},
    "exercise.label.section": {"en": "section", "zh": "节"},
    "exercise.label.name": {"en": "name", "zh": "名称"},
    "exercise.label.title": {"en": "title", "zh": "标题"},
    "exercise.label.passed": {"en": "passed", "zh": "已通过"},
    "exercise.label.right": {"en": "Right", "zh": "正确"},
    "exercise.label.wrong": {"en": "Not yet", "zh": "还不对"},
    "exercise.label.hint": {"en": "Hint", "zh": "提示"},
    "exercise.label.hint_n": {"en": "Hint {index} of {total}", "zh": "提示 {index}/{total}"},
    "exercise.label.solution": {"en": "Solution", "zh": "参考答案"},
    "exercise.label.why": {"en": "Why", "zh": "为什么"},
    "exercise.label.trace": {"en": "The shapes in your cell", "zh": "你的代码中各步的形状"},
    "exercise.label.answer_in": {"en": "Put your answer in: {names}", "zh": "答案请放在变量：{names}"},
    "exercise.label.how_to": {
        "en": "Write your code in a cell that starts with `%%exercise {name}`; `%exercise --hint {name}` gives a hint.",
        "zh": "在以 `%%exercise {name}` 开头的单元格中写代码；`%exercise --hint {name}` 给出提示。"},
    "exercise.label.progress": {"en": "{passed} of {total} exercises passed",
                                "zh": "已通过 {passed}/{total} 个练习"},
    "exercise.label.progress_counts": {
        "en": "{passed} passed, {attempted} attempted, {untouched} untouched, of {total} exercises",
        "zh": "共 {total} 个练习：已通过 {passed} 个，尝试过 {attempted} 个，未做 {untouched} 个"},
    "exercise.label.status": {"en": "status", "zh": "状态"},
    "exercise.status.passed": {"en": "✓ passed", "zh": "✓ 已通过"},
    "exercise.status.attempted": {"en": "attempted", "zh": "尝试过"},
    "exercise.status.untouched": {"en": "untouched", "zh": "未做"},
    "exercise.label.last_hint": {
        "en": "That was the last hint; `%exercise --solution {name}` shows a solution.",
        "zh": "这是最后一条提示了；`%exercise --solution {name}` 可以查看参考答案。"},

    "exercise.usage.unknown": {
        "en": "no exercise named {name!r} (close names: {close}); %exercise --list shows them all",
        "zh": "没有名为 {name!r} 的练习（相近的名称：{close}）；%exercise --list 列出全部练习"},
    "exercise.usage.needs_name": {
        "en": "name an exercise: %%exercise NAME (see %exercise --list)",
        "zh": "请指定练习名称：%%exercise NAME（参见 %exercise --list）"},
    "exercise.usage.one_action": {
        "en": "use one of --list, --hint NAME, --solution NAME, --progress, --reset, --load FILE on a line of its own; "
              "a cell takes only %%exercise NAME or %%exercise --new NAME --answers VAR",
        "zh": "--list、--hint NAME、--solution NAME、--progress、--reset、--load FILE 每次只能用一个，并且单独成行；"
              "单元格只接受 %%exercise NAME 或 %%exercise --new NAME --answers VAR"},
    "exercise.usage.new_needs_cell": {
        "en": "%%exercise --new NAME is a cell magic: the given values, a line `# solution`, then the solution",
        "zh": "%%exercise --new NAME 是单元格魔法：先写给定的值，再写一行 `# solution`，然后写参考答案"},
    "exercise.usage.new_needs_answers": {
        "en": "name the answer variables: %%exercise --new NAME --answers P [Q ...]",
        "zh": "请给出答案变量：%%exercise --new NAME --answers P [Q ...]"},

    # -- verdicts every exercise shares -----------------------------------------------------------
    "exercise.empty": {
        "en": "The cell is empty: write your answer below the line `%%exercise {name}`.",
        "zh": "单元格是空的：请在 `%%exercise {name}` 这一行下面写出你的答案。"},
    "exercise.missing": {
        "en": "There is no `{var}`: the exercise reads your answer from a variable named `{var}`.",
        "zh": "没有找到 `{var}`：练习会从名为 `{var}` 的变量中读取你的答案。"},
    "exercise.not_set": {
        "en": "This cell did not set `{var}`: it still holds its value from before. Assign your answer to `{var}`.",
        "zh": "这个单元格没有给 `{var}` 赋值：它还是之前的值。请把答案赋给 `{var}`。"},
    "exercise.raised": {
        "en": "Your cell raised {error}: {detail}",
        "zh": "你的代码抛出了 {error}：{detail}"},
    "exercise.raised_at": {
        "en": "Your cell raised {error} at line {line}, `{code}`: {detail}",
        "zh": "你的代码在第 {line} 行 `{code}` 抛出了 {error}：{detail}"},
    "exercise.unreadable": {
        "en": "Your answer could not be checked ({error}); look at the type and shape of the variables the exercise asks for.",
        "zh": "无法检查你的答案（{error}）；请看看练习要求的变量的类型和形状。"},
    "exercise.placeholder": {
        "en": "Replace the `...` in `{var} = ...` with your answer, then run the cell again.",
        "zh": "把 `{var} = ...` 中的 `...` 换成你的答案，然后再运行这个单元格。"},
    "exercise.not_array": {
        "en": "`{var}` has type `{type}`: not a tensor, an array or a number.",
        "zh": "`{var}` 的类型是 `{type}`：不是张量、数组或数字。"},
    "exercise.want_tensor": {
        "en": "`{var}` has type `{type}`; this exercise asks for a torch tensor (`torch.tensor(...)`, `torch.from_numpy(...)`).",
        "zh": "`{var}` 的类型是 `{type}`；这个练习要的是 torch 张量（`torch.tensor(...)`、`torch.from_numpy(...)`）。"},
    "exercise.want_numpy": {
        "en": "`{var}` has type `{type}`; this exercise asks for a NumPy array (a tensor becomes one with `.numpy()`).",
        "zh": "`{var}` 的类型是 `{type}`；这个练习要的是 NumPy 数组（张量用 `.numpy()` 转换）。"},
    "exercise.wrong_shape": {
        "en": "`{var}` has shape {got_shape}, but the answer has shape {want_shape}.",
        "zh": "`{var}` 的形状是 {got_shape}，但正确答案的形状是 {want_shape}。"},
    "exercise.wrong_value": {
        "en": "`{var}` has the right shape {got_shape} but other values: got {got}, expected {want}.",
        "zh": "`{var}` 的形状 {got_shape} 是对的，但数值不同：得到 {got}，应为 {want}。"},
    "exercise.wrong_dtype": {
        "en": "`{var}` has the right values but dtype {got}; the exercise asks for {want}.",
        "zh": "`{var}` 的数值是对的，但 dtype 是 {got}；练习要求 {want}。"},
    "exercise.float64_not_float32": {
        "en": "`{var}` is float64 (NumPy's default float); the exercise asks for float32, torch's default: "
              "pass `dtype=torch.float32` or call `.float()`.",
        "zh": "`{var}` 是 float64（NumPy 的默认浮点类型）；练习要求 float32，即 torch 的默认类型："
              "传入 `dtype=torch.float32` 或调用 `.float()`。"},
    "exercise.float32_not_float64": {
        "en": "`{var}` is float32 (torch's default); the exercise asks for float64: pass `dtype=torch.float64`.",
        "zh": "`{var}` 是 float32（torch 的默认类型）；练习要求 float64：传入 `dtype=torch.float64`。"},
    "exercise.forgot_keepdims": {
        "en": "`{var}` has shape {got_shape}: the reduction over {axes} removed that axis. "
              "Keep it as a 1 with `keepdim=True` (`keepdims=True`) to get {want_shape}, which broadcasts back.",
        "zh": "`{var}` 的形状是 {got_shape}：沿 {axes} 的归约把这个轴去掉了。"
              "用 `keepdim=True`（`keepdims=True`）把它保留为 1，得到 {want_shape}，才能广播回去。"},
    "exercise.extra_keepdims": {
        "en": "`{var}` has shape {got_shape}: `keepdims=True` kept the reduced axes ({axes}) as 1s; "
              "the exercise wants them gone, shape {want_shape}.",
        "zh": "`{var}` 的形状是 {got_shape}：`keepdims=True` 把被归约的轴（{axes}）保留成了 1；"
              "练习要求去掉它们，形状应为 {want_shape}。"},
    "exercise.wrong_axis": {
        "en": "`{var}` reduced over {got_axes} (shape {got_shape}); the exercise asks for {want_axes} "
              "(shape {want_shape}). The axes you name are the ones that disappear.",
        "zh": "`{var}` 是沿 {got_axes} 归约的（形状 {got_shape}）；练习要求沿 {want_axes}（形状 {want_shape}）。"
              "你指定的轴就是会消失的轴。"},
    "exercise.wrong_reduction": {
        "en": "`{var}` is the `{got_op}` over the right axes; the exercise asks for the `{want_op}`.",
        "zh": "`{var}` 是在正确的轴上求的 `{got_op}`；练习要求的是 `{want_op}`。"},
    "exercise.elementwise_not_matmul": {
        "en": "`{var}` is an elementwise product (`*`): it multiplies matching entries. "
              "The exercise asks for a matrix product: `@`, `torch.mm` or `torch.mv`.",
        "zh": "`{var}` 是逐元素乘积（`*`）：它把对应位置的元素相乘。练习要求的是矩阵乘法：`@`、`torch.mm` 或 `torch.mv`。"},
    "exercise.transposed": {
        "en": "`{var}` is the transpose of the answer: rows and columns are swapped, so the two operands are in the wrong order.",
        "zh": "`{var}` 是正确答案的转置：行和列对调了，说明两个操作数的顺序反了。"},
    "exercise.copy_not_view": {
        "en": "`{var}` holds the right values but is a copy: it does not share memory with `{source}`. "
              "`.numpy()` and `torch.from_numpy` share memory; `np.array(...)`, `torch.tensor(...)` and `.clone()` copy.",
        "zh": "`{var}` 的值是对的，但它是一份拷贝，和 `{source}` 不共享内存。"
              "`.numpy()` 和 `torch.from_numpy` 共享内存；`np.array(...)`、`torch.tensor(...)` 和 `.clone()` 会复制。"},
    "exercise.view_not_copy": {
        "en": "`{var}` shares memory with `{source}`: a change to one shows up in the other. "
              "Make a copy: `.clone()` in torch, `.copy()` in NumPy, `torch.tensor(arr)` from an array.",
        "zh": "`{var}` 和 `{source}` 共享内存：改一个，另一个也跟着变。"
              "请复制一份：torch 用 `.clone()`，NumPy 用 `.copy()`，从数组创建用 `torch.tensor(arr)`。"},
    "exercise.std_n_not_n1": {
        "en": "`{var}` divides by n (NumPy's default, `ddof=0`); torch's `std` divides by n−1. Ask NumPy for `ddof=1`.",
        "zh": "`{var}` 除以 n（NumPy 的默认值 `ddof=0`）；torch 的 `std` 除以 n−1。请给 NumPy 传 `ddof=1`。"},
    "exercise.std_n1_not_n": {
        "en": "`{var}` divides by n−1 (torch's default, `correction=1`); NumPy's default divides by n. "
              "Ask torch for `correction=0`.",
        "zh": "`{var}` 除以 n−1（torch 的默认值 `correction=1`）；NumPy 默认除以 n。请给 torch 传 `correction=0`。"},
    "exercise.no_requires_grad": {
        "en": "`{var}` does not require grad, so autograd will not track it: create it with `requires_grad=True` "
              "or call `{var}.requires_grad_()`.",
        "zh": "`{var}` 没有设置 requires_grad，autograd 不会追踪它：创建时传 `requires_grad=True`，"
              "或调用 `{var}.requires_grad_()`。"},
    "exercise.not_leaf": {
        "en": "`{var}` is not a leaf tensor: an operation after `requires_grad=True` (such as `.double()`) made it a "
              "result, and its `.grad` stays None. Pass `dtype=` when you create it instead.",
        "zh": "`{var}` 不是叶子张量：在 `requires_grad=True` 之后又做了运算（例如 `.double()`），它成了计算结果，"
              "`.grad` 会一直是 None。请在创建时就传入 `dtype=`。"},
    "exercise.grad_missing": {
        "en": "`{var}.grad` is None: no gradient has reached `{var}` yet. Call `.backward()` on the (scalar) result.",
        "zh": "`{var}.grad` 是 None：还没有梯度传到 `{var}`。请对（标量）结果调用 `.backward()`。"},
    "exercise.grad_accumulated": {
        "en": "`{var}.grad` is the old gradient plus the new one: `backward()` adds to `.grad`. "
              "Clear it first with `{var}.grad.zero_()` (or `{var}.grad = None`).",
        "zh": "`{var}.grad` 是旧梯度加上新梯度：`backward()` 会累加到 `.grad` 上。"
              "请先用 `{var}.grad.zero_()`（或 `{var}.grad = None`）清零。"},
    "exercise.wrong_grad": {
        "en": "`{var}` is {got}; expected {want}.",
        "zh": "`{var}` 是 {got}；应为 {want}。"},
    "exercise.norm_not_scalar": {
        "en": "`{var}` has shape {got_shape}; a norm is one number. Did a `dim=` keep some axes?",
        "zh": "`{var}` 的形状是 {got_shape}；范数是一个数。是不是 `dim=` 保留了某些轴？"},
    "exercise.norm_kind": {
        "en": "`{var}` is the {got}; the exercise asks for the {want}.",
        "zh": "`{var}` 是{got}；练习要求的是{want}。"},
    "exercise.norm.l1": {"en": "L1 norm (the sum of absolute values)", "zh": "L1 范数（绝对值之和）"},
    "exercise.norm.l2": {"en": "L2 norm (Frobenius for a matrix: the square root of the sum of squares)",
                         "zh": "L2 范数（对矩阵即 Frobenius 范数：平方和的平方根）"},
    "exercise.norm.squared": {"en": "squared L2 norm (the square root is missing)", "zh": "L2 范数的平方（少了开平方）"},
    "exercise.norm.plain_sum": {"en": "plain sum (the absolute values are missing)", "zh": "普通求和（少了取绝对值）"},
    "exercise.norm.max_abs": {"en": "largest absolute value (the ∞-norm)", "zh": "最大绝对值（∞ 范数）"},
    "exercise.norm.nuc": {"en": "nuclear norm (the sum of singular values, `ord='nuc'`)",
                          "zh": "核范数（奇异值之和，`ord='nuc'`）"},
    "exercise.norm.spectral": {"en": "spectral norm (the largest singular value, `ord=2`)",
                               "zh": "谱范数（最大奇异值，`ord=2`）"},
    "exercise.norm.matrix_l1": {
        "en": "matrix 1-norm (the largest column sum of absolute values: what `matrix_norm(ord=1)` computes)",
        "zh": "矩阵 1-范数（各列绝对值之和的最大值，即 `matrix_norm(ord=1)` 的结果）"},
    "exercise.not_normalized": {
        "en": "`{var}` does not sum to 1 (it sums to {total}): frequencies are counts divided by the number of draws.",
        "zh": "`{var}` 的和不是 1（而是 {total}）：频率是次数除以抽样总数。"},
    "exercise.far_from_probs": {
        "en": "`{var}` is far from the probabilities: with this many rolls each frequency should be near 1/6. "
              "Check the number of draws.",
        "zh": "`{var}` 离概率太远：掷这么多次，每个频率应当接近 1/6。请检查抽样次数。"},

    # -- what a learner's exception usually means ----------------------------------------------------
    "exercise.error.arguments": {
        "en": "torch has no version of this function for these argument types: the message lists the signatures "
              "it accepts. Compare each argument's type with them (a float where an int is wanted, a list where "
              "a tensor is).",
        "zh": "torch 的这个函数没有接受这些参数类型的版本：报错信息里列出了它接受的签名。"
              "请把每个参数的类型与之对照（例如该用整数的地方用了浮点数，该用张量的地方用了列表）。"},
    "exercise.error.no_grad_fn": {
        "en": "The result is not connected to any tensor that requires grad: a step such as `.item()`, "
              "`.detach()` or a plain number broke the chain.",
        "zh": "结果没有和任何需要梯度的张量连起来：`.item()`、`.detach()` 或普通数字之类的步骤把链条断开了。"},
    "exercise.error.broadcast": {
        "en": "The shapes do not broadcast: aligned from the right, each pair of sizes must be equal or 1. "
              "A reduced axis kept with `keepdim=True` usually fixes it.",
        "zh": "形状无法广播：从右往左对齐后，每一对尺寸必须相等或其中之一为 1。"
              "通常用 `keepdim=True` 保留被归约的轴就能解决。"},
    "exercise.error.matmul_shapes": {
        "en": "In a matrix product the left operand's column count must equal the right operand's length "
              "(for `torch.mv(A, x)`: `A.shape[1] == len(x)`).",
        "zh": "矩阵乘法要求左边的列数等于右边的长度（对 `torch.mv(A, x)`：`A.shape[1] == len(x)`）。"},
    "exercise.error.dot_1d": {
        "en": "`torch.dot` takes two 1-D tensors only; use `@` or `torch.mm` for matrices.",
        "zh": "`torch.dot` 只接受两个一维张量；矩阵请用 `@` 或 `torch.mm`。"},
    "exercise.error.gradient_shape": {
        "en": "The `gradient=` passed to `backward()` must have the same shape as the tensor itself.",
        "zh": "传给 `backward()` 的 `gradient=` 必须与该张量本身的形状相同。"},
    "exercise.error.name": {
        "en": "A name in your cell is not defined: check its spelling, or define it earlier in the cell.",
        "zh": "代码中有一个名字没有定义：请检查拼写，或者先在单元格里定义它。"},

    # -- 1. torch is like NumPy ------------------------------------------------------------------
    "exercise.tensor-from-list.title": {"en": "A tensor from a list", "zh": "用列表创建张量"},
    "exercise.tensor-from-list.prompt": {
        "en": "`data = [[1, 2, 3], [4, 5, 6]]` is a nested Python list. Put in `T` a torch tensor with its values "
              "and dtype float32, as `np.array(data, dtype=np.float32)` would give in NumPy.",
        "zh": "`data = [[1, 2, 3], [4, 5, 6]]` 是一个嵌套的 Python 列表。把它的值做成一个 dtype 为 float32 的 "
              "torch 张量，放进 `T`，就像 NumPy 中 `np.array(data, dtype=np.float32)` 那样。"},
    "exercise.tensor-from-list.hint1": {"en": "`torch.tensor` plays the part of `np.array`.",
                                        "zh": "`torch.tensor` 相当于 `np.array`。"},
    "exercise.tensor-from-list.hint2": {"en": "A list of ints gives int64; pass `dtype=torch.float32`.",
                                        "zh": "整数列表会得到 int64；请传入 `dtype=torch.float32`。"},
    "exercise.tensor-from-list.why": {
        "en": "`torch.tensor(data, dtype=torch.float32)` copies the list into a float32 tensor of shape (2, 3), just like `np.array`.",
        "zh": "`torch.tensor(data, dtype=torch.float32)` 把列表复制成形状为 (2, 3) 的 float32 张量，和 `np.array` 一样。"},

    "exercise.torch-arange-sum.title": {"en": "NumPy code, in torch", "zh": "把 NumPy 代码改写成 torch"},
    "exercise.torch-arange-sum.prompt": {
        "en": "Write in torch what this NumPy code does: `X = np.arange(12).reshape(3, 4)` and "
              "`col_sums = X.sum(axis=0)`. Put the tensors in `X` and `col_sums` (one sum per column, shape (4,)).",
        "zh": "用 torch 写出这段 NumPy 代码的功能：`X = np.arange(12).reshape(3, 4)` 和 "
              "`col_sums = X.sum(axis=0)`。把张量放进 `X` 和 `col_sums`（每列一个和，形状 (4,)）。"},
    "exercise.torch-arange-sum.hint1": {"en": "Most NumPy names exist in torch: `torch.arange`, `.reshape`, `.sum`.",
                                        "zh": "大多数 NumPy 函数在 torch 中同名：`torch.arange`、`.reshape`、`.sum`。"},
    "exercise.torch-arange-sum.hint2": {"en": "torch calls the axis `dim`: `X.sum(dim=0)` (it also accepts `axis=0`).",
                                        "zh": "torch 把轴叫作 `dim`：`X.sum(dim=0)`（也接受 `axis=0`）。"},
    "exercise.torch-arange-sum.why": {
        "en": "`torch.arange(12).reshape(3, 4)` is the same table; `sum(dim=0)` removes axis 0, leaving one sum per column.",
        "zh": "`torch.arange(12).reshape(3, 4)` 是同一张表；`sum(dim=0)` 去掉第 0 轴，每列留下一个和。"},

    "exercise.std-divisor.title": {"en": "std: n or n−1?", "zh": "标准差：除以 n 还是 n−1？"},
    "exercise.std-divisor.prompt": {
        "en": "`a = np.array([1.0, 2.0, 3.0, 4.0])` and `t = torch.tensor(a)`. Make the libraries agree: put in `s_np` "
              "NumPy's std of `a` equal to torch's default `t.std()` (1.291), and in `s_t` torch's std of `t` equal to "
              "NumPy's default `a.std()` (1.118).",
        "zh": "`a = np.array([1.0, 2.0, 3.0, 4.0])`，`t = torch.tensor(a)`。让两个库的结果一致：在 `s_np` 中放 NumPy 对 `a` "
              "求的标准差，使它等于 torch 默认的 `t.std()`（1.291）；在 `s_t` 中放 torch 对 `t` 求的标准差，"
              "使它等于 NumPy 默认的 `a.std()`（1.118）。"},
    "exercise.std-divisor.hint1": {"en": "torch divides by n−1, NumPy by n.", "zh": "torch 除以 n−1，NumPy 除以 n。"},
    "exercise.std-divisor.hint2": {"en": "NumPy: `ddof=1`; torch: `correction=0`.", "zh": "NumPy 用 `ddof=1`；torch 用 `correction=0`。"},
    "exercise.std-divisor.why": {
        "en": "`a.std(ddof=1)` divides by n−1 like torch; `t.std(correction=0)` divides by n like NumPy.",
        "zh": "`a.std(ddof=1)` 像 torch 一样除以 n−1；`t.std(correction=0)` 像 NumPy 一样除以 n。"},

    # -- 2. conversion ---------------------------------------------------------------------------
    "exercise.tensor-to-numpy.title": {"en": "Tensor to NumPy, sharing memory", "zh": "张量转 NumPy（共享内存）"},
    "exercise.tensor-to-numpy.prompt": {
        "en": "`X = torch.arange(6.0)`. Put in `arr` a NumPy array with X's values that shares X's memory "
              "(no copy: changing `arr` changes `X`).",
        "zh": "`X = torch.arange(6.0)`。在 `arr` 中放一个 NumPy 数组，值与 X 相同，并且与 X 共享内存"
              "（不复制：改 `arr` 就会改到 `X`）。"},
    "exercise.tensor-to-numpy.hint1": {"en": "Ask the tensor itself for its NumPy view: a conversion that shares memory, not one that copies.",
                                       "zh": "让张量自己给出它的 NumPy 视图：要共享内存的转换，而不是复制的。"},
    "exercise.tensor-to-numpy.hint2": {"en": "`np.array(X)` copies; `.numpy()` does not.",
                                       "zh": "`np.array(X)` 会复制；`.numpy()` 不会。"},
    "exercise.tensor-to-numpy.why": {
        "en": "`X.numpy()` is a view of the tensor's memory: writes through either one show in both.",
        "zh": "`X.numpy()` 是张量内存的视图：通过任何一个修改，两边都会看到。"},

    "exercise.numpy-to-torch-copy.title": {"en": "NumPy to torch, as an independent copy", "zh": "NumPy 转 torch（独立拷贝）"},
    "exercise.numpy-to-torch-copy.prompt": {
        "en": "`a = np.array([1.5, 2.5, 3.5])` (float64). Put in `T` a float32 torch tensor with a's values that does "
              "NOT share a's memory (changing `a` later must not change `T`).",
        "zh": "`a = np.array([1.5, 2.5, 3.5])`（float64）。在 `T` 中放一个 float32 的 torch 张量，值与 a 相同，"
              "但不与 a 共享内存（之后改 `a` 不能影响 `T`）。"},
    "exercise.numpy-to-torch-copy.hint1": {"en": "`torch.from_numpy` shares memory; `torch.tensor` copies.",
                                           "zh": "`torch.from_numpy` 共享内存；`torch.tensor` 会复制。"},
    "exercise.numpy-to-torch-copy.hint2": {"en": "NumPy's floats are float64: pass `dtype=torch.float32`.",
                                           "zh": "NumPy 的浮点数是 float64：请传入 `dtype=torch.float32`。"},
    "exercise.numpy-to-torch-copy.why": {
        "en": "`torch.tensor(a, dtype=torch.float32)` copies the values into new float32 memory; `a` and `T` are independent.",
        "zh": "`torch.tensor(a, dtype=torch.float32)` 把数值复制到新的 float32 内存中；`a` 与 `T` 互不影响。"},

    # -- 3. clone and dim/axis ---------------------------------------------------------------------
    "exercise.clone-not-alias.title": {"en": "A copy, not a second name", "zh": "复制，而不是起个别名"},
    "exercise.clone-not-alias.prompt": {
        "en": "`X = torch.arange(6).reshape(2, 3)`. Make `Y` an independent copy of `X`, then set `Y[0, 0] = 100`. "
              "`X` must stay unchanged.",
        "zh": "`X = torch.arange(6).reshape(2, 3)`。让 `Y` 成为 `X` 的独立拷贝，然后设置 `Y[0, 0] = 100`。"
              "`X` 必须保持不变。"},
    "exercise.clone-not-alias.hint1": {"en": "`Y = X` only gives the same tensor a second name.",
                                       "zh": "`Y = X` 只是给同一个张量起了第二个名字。"},
    "exercise.clone-not-alias.hint2": {"en": "The notes: `X.clone()` is torch's `arr.copy()`.",
                                       "zh": "笔记里写过：`X.clone()` 就是 torch 里的 `arr.copy()`。"},
    "exercise.clone-not-alias.why": {
        "en": "`X.clone()` allocates new memory, so writing into `Y` leaves `X` alone.",
        "zh": "`X.clone()` 分配了新的内存，所以写入 `Y` 不会影响 `X`。"},

    "exercise.dim-axis-max.title": {"en": "The largest value in each row, and where", "zh": "每行的最大值及其位置"},
    "exercise.dim-axis-max.prompt": {
        "en": "`X = torch.tensor([[1.0, 5.0, 2.0], [7.0, 3.0, 4.0]])`. Put in `row_max` the largest value of each row "
              "(shape (2,)) and in `row_arg` the column index where it sits.",
        "zh": "`X = torch.tensor([[1.0, 5.0, 2.0], [7.0, 3.0, 4.0]])`。在 `row_max` 中放每行的最大值（形状 (2,)），"
              "在 `row_arg` 中放它所在的列号。"},
    "exercise.dim-axis-max.hint1": {"en": "Within a row you move along the columns: that is `dim=1` (`axis=1`).",
                                    "zh": "在一行之内是沿着列移动：也就是 `dim=1`（`axis=1`）。"},
    "exercise.dim-axis-max.hint2": {"en": "`X.max(dim=1)` returns two things: values and indices.",
                                    "zh": "`X.max(dim=1)` 返回两样东西：最大值和索引。"},
    "exercise.dim-axis-max.why": {
        "en": "`X.max(dim=1)` removes axis 1 and returns (values, indices); NumPy needs `max(axis=1)` and `argmax(axis=1)`.",
        "zh": "`X.max(dim=1)` 去掉第 1 轴并返回（值，索引）；NumPy 则要分别用 `max(axis=1)` 和 `argmax(axis=1)`。"},
    "exercise.dim-axis-max.tuple": {
        "en": "`{var}` holds both values and indices: `torch.max(X, dim)` returns a pair. Unpack it: "
              "`row_max, row_arg = X.max(dim=1)` (or take `.values`).",
        "zh": "`{var}` 同时装着值和索引：`torch.max(X, dim)` 返回的是一对结果。请解包："
              "`row_max, row_arg = X.max(dim=1)`（或取 `.values`）。"},
    "exercise.dim-axis-max.values_not_indices": {
        "en": "`{var}` holds the maximum values; the exercise wants their column indices (`.indices` or `argmax`).",
        "zh": "`{var}` 里是最大值本身；练习要的是它们的列索引（`.indices` 或 `argmax`）。"},

    # -- 4. shapes and sums -------------------------------------------------------------------------
    "exercise.sum-two-axes.title": {"en": "Summing over two axes", "zh": "沿两个轴求和"},
    "exercise.sum-two-axes.prompt": {
        "en": "`X = torch.arange(30.0).reshape(2, 3, 5)`. Put in `S` the sum over axes 1 and 2 together: one number "
              "per block along axis 0, shape (2,).",
        "zh": "`X = torch.arange(30.0).reshape(2, 3, 5)`。在 `S` 中放沿第 1、2 轴一起求和的结果："
              "沿第 0 轴每块一个数，形状 (2,)。"},
    "exercise.sum-two-axes.hint1": {"en": "The axes you sum over are the ones that disappear from the shape.",
                                    "zh": "求和所沿的轴就是从形状中消失的轴。"},
    "exercise.sum-two-axes.hint2": {"en": "Pass several axes as a tuple: `axis=(1, 2)`.",
                                    "zh": "多个轴用元组传入：`axis=(1, 2)`。"},
    "exercise.sum-two-axes.why": {
        "en": "`X.sum(axis=(1, 2))` removes axes 1 and 2 of (2, 3, 5), leaving (2,), as in the notes' table.",
        "zh": "`X.sum(axis=(1, 2))` 去掉 (2, 3, 5) 的第 1、2 轴，剩下 (2,)，和笔记中的表格一致。"},

    "exercise.mean-over-axes.title": {"en": "A mean over the first and last axes", "zh": "沿首尾两个轴求平均"},
    "exercise.mean-over-axes.prompt": {
        "en": "`X = torch.arange(24.0).reshape(2, 3, 4)`. Put in `M` the mean over axes 0 and 2, shape (3,).",
        "zh": "`X = torch.arange(24.0).reshape(2, 3, 4)`。在 `M` 中放沿第 0 轴和第 2 轴的平均值，形状 (3,)。"},
    "exercise.mean-over-axes.hint1": {"en": "Which axis survives? The one of size 3, axis 1.",
                                      "zh": "哪个轴留下来？大小为 3 的第 1 轴。"},
    "exercise.mean-over-axes.hint2": {"en": "`X.mean(dim=(0, 2))`: a mean, not a sum.",
                                      "zh": "`X.mean(dim=(0, 2))`：是平均，不是求和。"},
    "exercise.mean-over-axes.why": {
        "en": "`X.mean(dim=(0, 2))` averages the 2 × 4 values at each index of axis 1.",
        "zh": "`X.mean(dim=(0, 2))` 对第 1 轴的每个位置上的 2 × 4 个值求平均。"},

    # -- 5. keepdims and broadcasting ---------------------------------------------------------------
    "exercise.keepdims-normalize.title": {"en": "Rows that sum to 1", "zh": "让每行之和为 1"},
    "exercise.keepdims-normalize.prompt": {
        "en": "`A = torch.arange(1.0, 10.0).reshape(3, 3)`. Put in `row_sums` the sum of each row, kept as a column "
              "(shape (3, 1)), and in `P` the matrix A divided by its row sums, so that every row of `P` sums to 1.",
        "zh": "`A = torch.arange(1.0, 10.0).reshape(3, 3)`。在 `row_sums` 中放每行的和，并保留为一列（形状 (3, 1)）；"
              "在 `P` 中放 A 除以各行之和的结果，使 `P` 的每一行之和都为 1。"},
    "exercise.keepdims-normalize.hint1": {"en": "`A.sum(dim=1)` has shape (3,); you need (3, 1).",
                                          "zh": "`A.sum(dim=1)` 的形状是 (3,)；你需要的是 (3, 1)。"},
    "exercise.keepdims-normalize.hint2": {"en": "`keepdim=True` keeps the summed axis as a 1, which broadcasts along the row.",
                                          "zh": "`keepdim=True` 把被求和的轴保留为 1，这样就能沿行广播。"},
    "exercise.keepdims-normalize.why": {
        "en": "With `keepdim=True` the sums have shape (3, 1): row i's sum stretches across row i, so each row is divided by its own sum.",
        "zh": "有了 `keepdim=True`，和的形状是 (3, 1)：第 i 行的和沿第 i 行展开，每一行都除以它自己的和。"},
    "exercise.keepdims-normalize.rows_as_columns": {
        "en": "`{var}` has the right shape but each COLUMN j was divided by row j's sum: a shape (3,) vector broadcasts "
              "as a row (1, 3). Divide by the (3, 1) sums made with `keepdim=True`.",
        "zh": "`{var}` 的形状对，但第 j 列被第 j 行的和除了：形状 (3,) 的向量会被当作一行 (1, 3) 来广播。"
              "请除以用 `keepdim=True` 得到的 (3, 1) 的和。"},
    "exercise.keepdims-normalize.columns_normalized": {
        "en": "`{var}` has columns that sum to 1, not rows: the sums were taken over axis 0. Sum over `dim=1`.",
        "zh": "`{var}` 是每列之和为 1，不是每行：求和沿的是第 0 轴。请沿 `dim=1` 求和。"},

    "exercise.broadcast-center.title": {"en": "Centre each column", "zh": "让每列均值为 0"},
    "exercise.broadcast-center.prompt": {
        "en": "`X = torch.arange(12.0).reshape(4, 3)`. Put in `C` the matrix X minus its column means, so every column "
              "of `C` has mean 0.",
        "zh": "`X = torch.arange(12.0).reshape(4, 3)`。在 `C` 中放 X 减去各列均值的结果，使 `C` 每一列的均值都为 0。"},
    "exercise.broadcast-center.hint1": {"en": "(4, 3) minus (3,): aligned from the right, the (3,) repeats down the rows.",
                                        "zh": "(4, 3) 减 (3,)：从右对齐后，(3,) 沿行方向重复。"},
    "exercise.broadcast-center.hint2": {"en": "The column means: `X.mean(dim=0)`, shape (3,).",
                                        "zh": "各列的均值：`X.mean(dim=0)`，形状 (3,)。"},
    "exercise.broadcast-center.why": {
        "en": "`X.mean(dim=0)` has shape (3,), which broadcasts as a row (1, 3) across the 4 rows: each column loses its own mean.",
        "zh": "`X.mean(dim=0)` 的形状是 (3,)，会作为一行 (1, 3) 广播到 4 行上：每一列减去自己的均值。"},
    "exercise.broadcast-center.rows_centered": {
        "en": "`{var}` has rows with mean 0, not columns: the means were taken along `dim=1`. Use `dim=0`.",
        "zh": "`{var}` 是每行均值为 0，不是每列：均值是沿 `dim=1` 求的。请用 `dim=0`。"},
    "exercise.broadcast-center.overall_mean": {
        "en": "`{var}` subtracts one overall mean from everything; each column needs its own: `X.mean(dim=0)`.",
        "zh": "`{var}` 对所有元素减去了同一个总均值；每一列需要减自己的均值：`X.mean(dim=0)`。"},

    "exercise.broadcast-table.title": {"en": "An addition table by broadcasting", "zh": "用广播做加法表"},
    "exercise.broadcast-table.prompt": {
        "en": "`a = torch.tensor([0, 10, 20])` and `b = torch.tensor([1, 2, 3, 4])`. Put in `table` the (3, 4) tensor "
              "with `table[i, j] == a[i] + b[j]`, without a loop.",
        "zh": "`a = torch.tensor([0, 10, 20])`，`b = torch.tensor([1, 2, 3, 4])`。在 `table` 中放一个 (3, 4) 的张量，"
              "满足 `table[i, j] == a[i] + b[j]`，不用循环。"},
    "exercise.broadcast-table.hint1": {"en": "Make `a` a column (3, 1) and `b` a row (1, 4).",
                                       "zh": "把 `a` 变成一列 (3, 1)，把 `b` 变成一行 (1, 4)。"},
    "exercise.broadcast-table.hint2": {"en": "`a.reshape(3, 1) + b.reshape(1, 4)`: both stretch to (3, 4).",
                                       "zh": "`a.reshape(3, 1) + b.reshape(1, 4)`：两者都会扩展到 (3, 4)。"},
    "exercise.broadcast-table.why": {
        "en": "A (3, 1) column plus a (1, 4) row broadcast to (3, 4): the column repeats across, the row repeats down.",
        "zh": "(3, 1) 的列加 (1, 4) 的行会广播成 (3, 4)：列向右复制，行向下复制。"},

    # -- 6. linear algebra ---------------------------------------------------------------------------
    "exercise.matmul-not-elementwise.title": {"en": "A matrix product", "zh": "矩阵乘法"},
    "exercise.matmul-not-elementwise.prompt": {
        "en": "`A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])` and `B = torch.tensor([[5.0, 6.0], [7.0, 8.0]])`. "
              "Put in `C` the matrix product AB.",
        "zh": "`A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])`，`B = torch.tensor([[5.0, 6.0], [7.0, 8.0]])`。"
              "在 `C` 中放矩阵乘积 AB。"},
    "exercise.matmul-not-elementwise.hint1": {"en": "Each entry is a row of A times a column of B, summed.",
                                              "zh": "每个元素是 A 的一行与 B 的一列对应相乘再求和。"},
    "exercise.matmul-not-elementwise.hint2": {"en": "`A @ B` or `torch.mm(A, B)`; `*` is elementwise.",
                                              "zh": "`A @ B` 或 `torch.mm(A, B)`；`*` 是逐元素相乘。"},
    "exercise.matmul-not-elementwise.why": {
        "en": "`A @ B` (or `torch.mm(A, B)`) multiplies rows of A with columns of B: C[0, 0] = 1·5 + 2·7 = 19.",
        "zh": "`A @ B`（或 `torch.mm(A, B)`）用 A 的行乘 B 的列：C[0, 0] = 1·5 + 2·7 = 19。"},
    "exercise.matmul-not-elementwise.order": {
        "en": "`{var}` is BA, not AB: matrix products do not commute. Put A on the left.",
        "zh": "`{var}` 是 BA 而不是 AB：矩阵乘法不满足交换律。请把 A 放在左边。"},

    "exercise.dot-outer.title": {"en": "Dot product and outer product", "zh": "点积与外积"},
    "exercise.dot-outer.prompt": {
        "en": "`x = torch.tensor([1.0, 2.0, 3.0])` and `y = torch.tensor([4.0, 5.0, 6.0])`. Put in `d` their dot product "
              "(one number) and in `O` their outer product, the (3, 3) matrix with `O[i, j] == x[i] * y[j]`.",
        "zh": "`x = torch.tensor([1.0, 2.0, 3.0])`，`y = torch.tensor([4.0, 5.0, 6.0])`。在 `d` 中放它们的点积（一个数），"
              "在 `O` 中放它们的外积，即满足 `O[i, j] == x[i] * y[j]` 的 (3, 3) 矩阵。"},
    "exercise.dot-outer.hint1": {"en": "The notes: dot is xᵀy (a number), outer is xyᵀ (a matrix).",
                                 "zh": "笔记里写过：点积是 xᵀy（一个数），外积是 xyᵀ（一个矩阵）。"},
    "exercise.dot-outer.hint2": {"en": "`torch.dot(x, y)` and `torch.outer(x, y)` (or `x.reshape(3, 1) * y`).",
                                 "zh": "`torch.dot(x, y)` 和 `torch.outer(x, y)`（或 `x.reshape(3, 1) * y`）。"},
    "exercise.dot-outer.why": {
        "en": "The dot product sums the elementwise products (32); the outer product keeps every pair x[i]·y[j] in a (3, 3) matrix.",
        "zh": "点积把逐元素乘积加起来（32）；外积把每一对 x[i]·y[j] 都保留在 (3, 3) 矩阵中。"},
    "exercise.dot-outer.not_summed": {
        "en": "`{var}` holds the elementwise products; the dot product adds them up: `torch.dot(x, y)` or `(x * y).sum()`.",
        "zh": "`{var}` 里是逐元素乘积；点积还要把它们加起来：`torch.dot(x, y)` 或 `(x * y).sum()`。"},
    "exercise.dot-outer.inner_for_outer": {
        "en": "`{var}` is not a matrix: the outer product pairs every x[i] with every y[j]. Use `torch.outer(x, y)`.",
        "zh": "`{var}` 不是矩阵：外积要把每个 x[i] 与每个 y[j] 配对。请用 `torch.outer(x, y)`。"},

    "exercise.mv-shapes.title": {"en": "Matrix times vector", "zh": "矩阵乘向量"},
    "exercise.mv-shapes.prompt": {
        "en": "`A = torch.arange(6.0).reshape(2, 3)` and `x = torch.tensor([1.0, 0.0, -1.0])`. Put in `b` the "
              "matrix-vector product Ax, shape (2,).",
        "zh": "`A = torch.arange(6.0).reshape(2, 3)`，`x = torch.tensor([1.0, 0.0, -1.0])`。在 `b` 中放矩阵-向量积 Ax，形状 (2,)。"},
    "exercise.mv-shapes.hint1": {"en": "A matrix times a vector needs the matrix's column count (3) to equal the vector's length (3).",
                                 "zh": "矩阵乘向量要求矩阵的列数（3）等于向量的长度（3）。"},
    "exercise.mv-shapes.hint2": {"en": "`torch.mv(A, x)` or `A @ x`.", "zh": "`torch.mv(A, x)` 或 `A @ x`。"},
    "exercise.mv-shapes.why": {
        "en": "Each entry of Ax is a row of A dotted with x: (2, 3) times (3,) gives (2,).",
        "zh": "Ax 的每个元素是 A 的一行与 x 的点积：(2, 3) 乘 (3,) 得到 (2,)。"},

    "exercise.norms.title": {"en": "L1, L2 and Frobenius norms", "zh": "L1、L2 与 Frobenius 范数"},
    "exercise.norms.prompt": {
        "en": "`u = torch.tensor([3.0, -4.0])` and `M = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])`. "
              "Put in `l1` the L1 norm of u, in `l2` its L2 norm, and in `fro` the Frobenius norm of M.",
        "zh": "`u = torch.tensor([3.0, -4.0])`，`M = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])`。"
              "在 `l1` 中放 u 的 L1 范数，在 `l2` 中放它的 L2 范数，在 `fro` 中放 M 的 Frobenius 范数。"},
    "exercise.norms.hint1": {"en": "L1: the sum of absolute values; L2: the square root of the sum of squares.",
                             "zh": "L1：绝对值之和；L2：平方和的平方根。"},
    "exercise.norms.hint2": {"en": "`u.abs().sum()`; `torch.norm(u)`; `torch.norm(M)` is Frobenius for a matrix.",
                             "zh": "`u.abs().sum()`；`torch.norm(u)`；对矩阵 `torch.norm(M)` 就是 Frobenius 范数。"},
    "exercise.norms.why": {
        "en": "‖u‖₁ = 3 + 4 = 7, ‖u‖₂ = √(9 + 16) = 5, and the Frobenius norm is the L2 norm of all of M's entries, √91.",
        "zh": "‖u‖₁ = 3 + 4 = 7，‖u‖₂ = √(9 + 16) = 5，Frobenius 范数是 M 所有元素的 L2 范数，√91。"},

    # -- 7. autograd ---------------------------------------------------------------------------------
    "exercise.grad-of-dot.title": {"en": "The gradient of 2xᵀx", "zh": "求 2xᵀx 的梯度"},
    "exercise.grad-of-dot.prompt": {
        "en": "`x = torch.arange(4.0, requires_grad=True)`. Put in `y` the scalar 2·xᵀx (`torch.dot`), then let autograd "
              "fill `x.grad` with dy/dx.",
        "zh": "`x = torch.arange(4.0, requires_grad=True)`。在 `y` 中放标量 2·xᵀx（用 `torch.dot`），"
              "然后让 autograd 把 dy/dx 填进 `x.grad`。"},
    "exercise.grad-of-dot.hint1": {"en": "Build y from x with torch operations, so that autograd records them; then ask autograd for the gradient.",
                                   "zh": "用 torch 运算由 x 构造 y，autograd 才会记录下来；然后让 autograd 求梯度。"},
    "exercise.grad-of-dot.hint2": {"en": "`torch.dot(x, x)` is xᵀx; `y.backward()` computes the gradient, and then `x.grad == 4 * x`.",
                                   "zh": "`torch.dot(x, x)` 就是 xᵀx；`y.backward()` 计算梯度，之后 `x.grad == 4 * x`。"},
    "exercise.grad-of-dot.why": {
        "en": "y = 2·Σxᵢ², so ∂y/∂xᵢ = 4xᵢ: `x.grad` is `[0, 4, 8, 12]`.",
        "zh": "y = 2·Σxᵢ²，所以 ∂y/∂xᵢ = 4xᵢ：`x.grad` 是 `[0, 4, 8, 12]`。"},
    "exercise.grad-of-dot.lost_factor": {
        "en": "`{var}` is 2x: the gradient of xᵀx. The factor 2 in y = 2·xᵀx is missing.",
        "zh": "`{var}` 是 2x：这是 xᵀx 的梯度。y = 2·xᵀx 中的系数 2 丢了。"},

    "exercise.zero-grad.title": {"en": "Clear the old gradient", "zh": "清除旧的梯度"},
    "exercise.zero-grad.prompt": {
        "en": "`x = torch.arange(4.0, requires_grad=True)`, and `x.grad` already holds 2x from an earlier `backward()`. "
              "Put in `y` the scalar Σxᵢ³ and run backward so that `x.grad` holds exactly 3x².",
        "zh": "`x = torch.arange(4.0, requires_grad=True)`，并且 `x.grad` 中已经有一次 `backward()` 留下的 2x。"
              "在 `y` 中放标量 Σxᵢ³ 并执行反向传播，使 `x.grad` 恰好等于 3x²。"},
    "exercise.zero-grad.hint1": {"en": "`backward()` adds to `.grad`; it never replaces it.",
                                 "zh": "`backward()` 是累加到 `.grad` 上，不会替换它。"},
    "exercise.zero-grad.hint2": {"en": "Start with `x.grad.zero_()` (or `x.grad = None`).",
                                 "zh": "先执行 `x.grad.zero_()`（或 `x.grad = None`）。"},
    "exercise.zero-grad.why": {
        "en": "After `x.grad.zero_()` the old 2x is gone, so `backward()` leaves exactly 3x² = `[0, 3, 12, 27]`.",
        "zh": "`x.grad.zero_()` 之后旧的 2x 被清掉，`backward()` 留下的恰好是 3x² = `[0, 3, 12, 27]`。"},

    "exercise.nonscalar-backward.title": {"en": "backward() of a vector", "zh": "对向量调用 backward()"},
    "exercise.nonscalar-backward.prompt": {
        "en": "`x = torch.arange(4.0, requires_grad=True)`. Put in `y` the vector `x * x`, then call backward on `y` "
              "itself so that `x.grad` holds 2x.",
        "zh": "`x = torch.arange(4.0, requires_grad=True)`。在 `y` 中放向量 `x * x`，然后直接对 `y` 调用 backward，"
              "使 `x.grad` 等于 2x。"},
    "exercise.nonscalar-backward.hint1": {"en": "`y.backward()` alone works only for a scalar.",
                                          "zh": "单独的 `y.backward()` 只适用于标量。"},
    "exercise.nonscalar-backward.hint2": {"en": "`y.backward(gradient=torch.ones_like(y))`, the same as `y.sum().backward()`.",
                                          "zh": "`y.backward(gradient=torch.ones_like(y))`，等价于 `y.sum().backward()`。"},
    "exercise.nonscalar-backward.why": {
        "en": "`gradient=` weights each yᵢ; with ones, backward differentiates Σyᵢ, so `x.grad` = 2x = `[0, 2, 4, 6]`.",
        "zh": "`gradient=` 给每个 yᵢ 加权；全为 1 时，backward 求的是 Σyᵢ 的导数，所以 `x.grad` = 2x = `[0, 2, 4, 6]`。"},

    "exercise.retain-graph.title": {"en": "backward() twice", "zh": "两次 backward()"},
    "exercise.retain-graph.prompt": {
        "en": "`x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)`. Put in `z` the scalar Σxᵢ², then call "
              "`z.backward()` twice, so that `x.grad` ends up holding the sum of both gradients, 4x.",
        "zh": "`x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)`。在 `z` 中放标量 Σxᵢ²，然后调用两次 "
              "`z.backward()`，使 `x.grad` 最终是两次梯度之和 4x。"},
    "exercise.retain-graph.hint1": {"en": "After the first `backward()` the graph is freed.",
                                    "zh": "第一次 `backward()` 之后计算图就被释放了。"},
    "exercise.retain-graph.hint2": {"en": "`z.backward(retain_graph=True)` keeps it for the second call (the notes write `return_garph`: a typo).",
                                    "zh": "`z.backward(retain_graph=True)` 会为第二次调用保留计算图（笔记里写成了 `return_garph`，是笔误）。"},
    "exercise.retain-graph.why": {
        "en": "`retain_graph=True` keeps the intermediate values, so the second `backward()` works and adds another 2x.",
        "zh": "`retain_graph=True` 保留了中间结果，所以第二次 `backward()` 能执行，并再累加一个 2x。"},
    "exercise.retain-graph.once": {
        "en": "`{var}` is 2x, one gradient: `backward()` ran only once. Call it a second time, keeping the graph with `retain_graph=True`.",
        "zh": "`{var}` 是 2x，只有一次梯度：`backward()` 只执行了一次。请再调用一次，并用 `retain_graph=True` 保留计算图。"},

    # -- 8. detach -------------------------------------------------------------------------------------
    "exercise.detach-constant.title": {"en": "Treat y as a constant", "zh": "把 y 当作常数"},
    "exercise.detach-constant.prompt": {
        "en": "`x = torch.arange(4.0, requires_grad=True)`. With y = x·x, put in `u` the value of y cut off from the graph, "
              "make z = u·x, and backpropagate `z.sum()` so that `x.grad` equals `u` (not 3x²).",
        "zh": "`x = torch.arange(4.0, requires_grad=True)`。令 y = x·x，在 `u` 中放从计算图中分离出来的 y，"
              "令 z = u·x，再对 `z.sum()` 反向传播，使 `x.grad` 等于 `u`（而不是 3x²）。"},
    "exercise.detach-constant.hint1": {"en": "To treat y as a constant, keep its values and drop its history.",
                                       "zh": "要把 y 当作常数，就保留它的值、丢掉它的计算历史。"},
    "exercise.detach-constant.hint2": {"en": "`u = y.detach()`; `z = u * x`; `z.sum().backward()`.",
                                       "zh": "`u = y.detach()`；`z = u * x`；`z.sum().backward()`。"},
    "exercise.detach-constant.why": {
        "en": "Since u is a constant for autograd, ∂(u·x)/∂x = u: `x.grad == u` is all True.",
        "zh": "由于 u 对 autograd 来说是常数，∂(u·x)/∂x = u：`x.grad == u` 全为 True。"},
    "exercise.detach-constant.not_detached": {
        "en": "`u` still carries y's history, so autograd differentiated through y = x·x too and `x.grad` became 3x². "
              "Cut it off: `u = y.detach()`.",
        "zh": "`u` 仍带着 y 的计算历史，所以 autograd 也对 y = x·x 求了导，`x.grad` 变成了 3x²。请把它分离：`u = y.detach()`。"},

    "exercise.detach-to-numpy.title": {"en": "A tensor that requires grad, in NumPy", "zh": "把需要梯度的张量转成 NumPy"},
    "exercise.detach-to-numpy.prompt": {
        "en": "`w` is a random tensor of shape (3,) with `requires_grad=True`. Put in `arr` a NumPy array with w's values.",
        "zh": "`w` 是形状为 (3,) 且 `requires_grad=True` 的随机张量。在 `arr` 中放一个值与 w 相同的 NumPy 数组。"},
    "exercise.detach-to-numpy.hint1": {"en": "`w.numpy()` refuses: w is part of a graph.",
                                       "zh": "`w.numpy()` 会报错：w 是计算图的一部分。"},
    "exercise.detach-to-numpy.hint2": {"en": "`w.detach().numpy()`.", "zh": "`w.detach().numpy()`。"},
    "exercise.detach-to-numpy.why": {
        "en": "`detach()` gives a view without autograd history, and `.numpy()` of that view is allowed.",
        "zh": "`detach()` 得到一个没有 autograd 历史的视图，对它调用 `.numpy()` 就可以了。"},

    # -- 9. control flow --------------------------------------------------------------------------------
    "exercise.grad-control-flow.title": {"en": "A gradient through loops and ifs", "zh": "穿过循环和条件的梯度"},
    "exercise.grad-control-flow.prompt": {
        "en": "`f(a)` (given, from the book) doubles its input in a `while` loop and picks a branch with `if`; "
              "`a` is a random scalar with `requires_grad=True`. f is linear in a for a fixed path, f(a) = k·a. "
              "Put in `d` the value f(a), and in `k` the factor k read from autograd.",
        "zh": "`f(a)`（已给出，来自书中）在 `while` 循环中把输入不断翻倍，并用 `if` 选择分支；"
              "`a` 是 `requires_grad=True` 的随机标量。对固定的执行路径，f 关于 a 是线性的，f(a) = k·a。"
              "在 `d` 中放 f(a) 的值，在 `k` 中放用 autograd 得到的系数 k。"},
    "exercise.grad-control-flow.hint1": {"en": "The derivative of k·a with respect to a is k.",
                                         "zh": "k·a 对 a 的导数就是 k。"},
    "exercise.grad-control-flow.hint2": {"en": "`d = f(a)`; `d.backward()`; `k = a.grad` (check: it equals `d / a`).",
                                         "zh": "`d = f(a)`；`d.backward()`；`k = a.grad`（验证：它等于 `d / a`）。"},
    "exercise.grad-control-flow.why": {
        "en": "autograd records the operations that actually ran, whatever loop or branch chose them, so `a.grad` is k = d / a.",
        "zh": "autograd 记录的是实际执行的运算，不管是哪次循环或哪个分支选中的，所以 `a.grad` 就是 k = d / a。"},
    "exercise.grad-control-flow.value_not_grad": {
        "en": "`{var}` is f(a) itself, not the factor: the factor is the derivative, `a.grad` after `d.backward()`.",
        "zh": "`{var}` 是 f(a) 本身，不是系数：系数是导数，即 `d.backward()` 之后的 `a.grad`。"},

    "exercise.grad-loop-power.title": {"en": "x⁵ built in a loop", "zh": "用循环构造 x⁵"},
    "exercise.grad-loop-power.prompt": {
        "en": "`x = torch.tensor(2.0, requires_grad=True)`. Starting from 1, multiply `y` by `x` five times in a `for` "
              "loop (so y = x⁵), then run backward: `x.grad` should be 5x⁴ = 80.",
        "zh": "`x = torch.tensor(2.0, requires_grad=True)`。从 1 开始，在 `for` 循环中把 `y` 乘以 `x` 五次"
              "（于是 y = x⁵），然后反向传播：`x.grad` 应当是 5x⁴ = 80。"},
    "exercise.grad-loop-power.hint1": {"en": "Autograd follows a Python loop step by step: each multiplication is recorded as it runs.",
                                       "zh": "autograd 会一步一步跟着 Python 循环走：每次乘法在运行时都会被记录。"},
    "exercise.grad-loop-power.hint2": {"en": "Multiply by the tensor `x`, not `x.item()`, so autograd sees each step.",
                                       "zh": "要乘张量 `x` 而不是 `x.item()`，autograd 才能看到每一步。"},
    "exercise.grad-loop-power.hint3": {"en": "`for _ in range(5): y = y * x`, then `y.backward()`.",
                                       "zh": "`for _ in range(5): y = y * x`，然后 `y.backward()`。"},
    "exercise.grad-loop-power.why": {
        "en": "The loop ran five multiplications, each recorded by autograd: d(x⁵)/dx = 5x⁴ = 80 at x = 2.",
        "zh": "循环执行了五次乘法，每一次都被 autograd 记录：d(x⁵)/dx = 5x⁴，在 x = 2 时为 80。"},
    "exercise.grad-loop-power.off_by_one": {
        "en": "`{var}` is {got}, not x⁵ = 32: the loop ran the wrong number of times. `range(5)` runs five times.",
        "zh": "`{var}` 是 {got}，不是 x⁵ = 32：循环次数不对。`range(5)` 正好执行五次。"},

    # -- 10. tips: norms and torch.randn ---------------------------------------------------------------------
    "exercise.norm-variants.title": {"en": "Frobenius, nuclear and L1 norms of a matrix", "zh": "矩阵的 Frobenius、核与 L1 范数"},
    "exercise.norm-variants.prompt": {
        "en": "`M = torch.tensor([[2.0, -1.0], [3.0, 4.0]])`. With `torch.linalg`, put in `fro` its Frobenius norm, in "
              "`nuc` its nuclear norm, and in `l1` the L1 norm of all its entries taken as one vector.",
        "zh": "`M = torch.tensor([[2.0, -1.0], [3.0, 4.0]])`。用 `torch.linalg`，在 `fro` 中放它的 Frobenius 范数，"
              "在 `nuc` 中放核范数，在 `l1` 中放把所有元素看作一个向量时的 L1 范数。"},
    "exercise.norm-variants.hint1": {"en": "`torch.linalg.matrix_norm(M, ord=...)` with `'fro'` or `'nuc'`.",
                                     "zh": "`torch.linalg.matrix_norm(M, ord=...)`，取 `'fro'` 或 `'nuc'`。"},
    "exercise.norm-variants.hint2": {"en": "`torch.linalg.vector_norm(M, ord=1)` flattens M; `matrix_norm(M, ord=1)` does something else.",
                                     "zh": "`torch.linalg.vector_norm(M, ord=1)` 会把 M 展平；`matrix_norm(M, ord=1)` 算的是别的东西。"},
    "exercise.norm-variants.why": {
        "en": "Frobenius = √(sum of squares) = √30; nuclear = the sum of singular values; `vector_norm(ord=1)` adds the absolute values, 10.",
        "zh": "Frobenius = √(平方和) = √30；核范数 = 奇异值之和；`vector_norm(ord=1)` 把绝对值相加，得 10。"},

    "exercise.randn-signature.title": {"en": "torch.randn with keywords", "zh": "带关键字参数的 torch.randn"},
    "exercise.randn-signature.prompt": {
        "en": "`g = torch.Generator().manual_seed(0)`. Put in `W` a (2, 3) tensor of standard normal draws taken from `g`, "
              "with dtype float64, that requires grad.",
        "zh": "`g = torch.Generator().manual_seed(0)`。在 `W` 中放一个 (2, 3) 的标准正态随机张量，由 `g` 生成，"
              "dtype 为 float64，并且需要梯度。"},
    "exercise.randn-signature.hint1": {"en": "`torch.randn(size, *, generator=None, dtype=None, requires_grad=False)`.",
                                       "zh": "`torch.randn(size, *, generator=None, dtype=None, requires_grad=False)`。"},
    "exercise.randn-signature.hint2": {"en": "`torch.randn(size=(2, 3), generator=g, dtype=torch.float64, requires_grad=True)`.",
                                       "zh": "`torch.randn(size=(2, 3), generator=g, dtype=torch.float64, requires_grad=True)`。"},
    "exercise.randn-signature.why": {
        "en": "Every keyword is applied when the tensor is made, so W is a float64 leaf that requires grad, drawn from g.",
        "zh": "所有关键字都在创建张量时生效，所以 W 是由 g 生成、需要梯度的 float64 叶子张量。"},
    "exercise.randn-signature.not_from_g": {
        "en": "`{var}` has the right shape, but its values are not the next draws from `g`: pass `generator=g`.",
        "zh": "`{var}` 的形状对，但它的值不是 `g` 接下来生成的数：请传入 `generator=g`。"},

    # -- 11. probability --------------------------------------------------------------------------------------
    "exercise.multinomial-frequencies.title": {"en": "Frequencies of 1000 die rolls", "zh": "掷 1000 次骰子的频率"},
    "exercise.multinomial-frequencies.prompt": {
        "en": "`probs = torch.ones(6) / 6` is a fair die and `multinomial` is `torch.distributions.multinomial`. "
              "Roll the die 1000 times with one `Multinomial` sample and put in `freq` the relative frequency of each face "
              "(shape (6,), summing to 1).",
        "zh": "`probs = torch.ones(6) / 6` 是一个均匀的骰子，`multinomial` 即 `torch.distributions.multinomial`。"
              "用一次 `Multinomial` 抽样掷 1000 次骰子，在 `freq` 中放每个点数的相对频率（形状 (6,)，和为 1）。"},
    "exercise.multinomial-frequencies.hint1": {"en": "One sample of 1000 rolls gives how often each face came up: counts, not yet frequencies.",
                                               "zh": "一次 1000 次掷骰的抽样给出每个面出现的次数：是次数，还不是频率。"},
    "exercise.multinomial-frequencies.hint2": {"en": "Divide the counts by the number of rolls.", "zh": "把次数除以掷的总次数。"},
    "exercise.multinomial-frequencies.hint3": {"en": "`multinomial.Multinomial(1000, probs).sample()` gives the counts.",
                                               "zh": "`multinomial.Multinomial(1000, probs).sample()` 得到次数。"},
    "exercise.multinomial-frequencies.why": {
        "en": "The counts divided by 1000 are frequencies; each lies near 1/6 ≈ 0.167, as the law of large numbers says.",
        "zh": "次数除以 1000 就是频率；按照大数定律，每个都接近 1/6 ≈ 0.167。"},
    "exercise.multinomial-frequencies.counts": {
        "en": "`{var}` holds counts (they sum to 1000); frequencies are the counts divided by 1000.",
        "zh": "`{var}` 里是次数（和为 1000）；频率是次数除以 1000。"},
    "exercise.multinomial-frequencies.one_draw": {
        "en": "`{var}` is a single roll (one 1, the rest 0s): `Multinomial(1, probs)` rolls once. Use 1000 rolls.",
        "zh": "`{var}` 只是一次掷骰（一个 1，其余是 0）：`Multinomial(1, probs)` 只掷一次。请掷 1000 次。"},
    "exercise.multinomial-frequencies.not_1000": {
        "en": "`{var}` sums to 1 but does not come from 1000 rolls: its entries are not multiples of 1/1000.",
        "zh": "`{var}` 的和是 1，但不是来自 1000 次掷骰：各元素不是 1/1000 的整数倍。"},

    "exercise.frequencies-converge.title": {"en": "Estimates that converge", "zh": "逐渐收敛的估计"},
    "exercise.frequencies-converge.prompt": {
        "en": "With `probs` and `multinomial` as before, draw 500 groups of 10 rolls "
              "(`Multinomial(10, probs).sample((500,))`, shape (500, 6)). Put in `estimates` the running estimate after "
              "each group: the cumulative counts divided by the number of rolls so far, shape (500, 6), each row summing to 1.",
        "zh": "沿用 `probs` 和 `multinomial`，抽 500 组、每组掷 10 次（`Multinomial(10, probs).sample((500,))`，形状 (500, 6)）。"
              "在 `estimates` 中放每组之后的累计估计：累计次数除以到目前为止的总次数，形状 (500, 6)，每行之和为 1。"},
    "exercise.frequencies-converge.hint1": {"en": "Keep running totals: add the groups up as you go down the rows, then make each row a frequency.",
                                            "zh": "做累计：沿着行向下逐组累加，再把每一行变成频率。"},
    "exercise.frequencies-converge.hint2": {"en": "`counts.cumsum(dim=0)` adds the groups up as you go down.",
                                            "zh": "`counts.cumsum(dim=0)` 沿着向下的方向逐组累加。"},
    "exercise.frequencies-converge.hint3": {"en": "Divide by the row sums kept as a column: `cum_counts.sum(dim=1, keepdim=True)`.",
                                            "zh": "除以保留为一列的行和：`cum_counts.sum(dim=1, keepdim=True)`。"},
    "exercise.frequencies-converge.why": {
        "en": "Row i is the frequency after 10·(i+1) rolls; the rows wander at first and then settle near 1/6.",
        "zh": "第 i 行是掷了 10·(i+1) 次之后的频率；开始时波动较大，之后稳定在 1/6 附近。"},
    "exercise.frequencies-converge.not_cumulative": {
        "en": "Each row of `{var}` comes from one group of 10 rolls alone: accumulate first with `counts.cumsum(dim=0)`.",
        "zh": "`{var}` 的每一行只来自单独一组 10 次掷骰：请先用 `counts.cumsum(dim=0)` 累加。"},
    "exercise.frequencies-converge.not_running": {
        "en": "The rows of `{var}` are not running frequencies: row i should be the counts of the first i+1 groups divided by 10·(i+1).",
        "zh": "`{var}` 的各行不是累计频率：第 i 行应当是前 i+1 组的次数之和除以 10·(i+1)。"},

    # -- the automatic diagnosis (no checker): the answer against the reference solution's ----------
    "exercise.diagnosis.keepdims_dropped": {
        "en": "`{var}` has shape {got_shape}, the answer {want_shape}: the same values, but your reduction dropped "
              "an axis the answer keeps as 1. Add `keepdim=True` (`keepdims=True` in NumPy).",
        "zh": "`{var}` 的形状是 {got_shape}，正确答案是 {want_shape}：数值相同，但你的归约去掉了一个正确答案保留为 1 的轴。"
              "请加上 `keepdim=True`（NumPy 中是 `keepdims=True`）。"},
    "exercise.diagnosis.keepdims_kept": {
        "en": "`{var}` has shape {got_shape}, the answer {want_shape}: the same values, but your reduction kept "
              "an axis as 1 that the answer removes. Leave out `keepdim=True`.",
        "zh": "`{var}` 的形状是 {got_shape}，正确答案是 {want_shape}：数值相同，但你的归约把一个正确答案去掉的轴保留成了 1。"
              "请去掉 `keepdim=True`。"},
    "exercise.diagnosis.wrong_axis": {
        "en": "`{var}` is what the reference gives when its reduction runs over {got_axes} instead of {want_axes}: "
              "the axis you name is the one that disappears. Your `{var}` has shape {got_shape}, the answer {want_shape}.",
        "zh": "`{var}` 相当于参考答案把归约改在 {got_axes} 上、而不是 {want_axes} 上的结果：你指定的轴就是会消失的轴。"
              "你的 `{var}` 形状是 {got_shape}，正确答案是 {want_shape}。"},
    "exercise.diagnosis.transposed": {
        "en": "`{var}` (shape {got_shape}) is the transpose of the answer (shape {want_shape}): rows and columns are "
              "swapped. Check the order of the operands or of the axes.",
        "zh": "`{var}`（形状 {got_shape}）是正确答案（形状 {want_shape}）的转置：行和列对调了。请检查操作数或轴的顺序。"},
    "exercise.diagnosis.broadcast_keepdims": {
        "en": "`{var}` has the right shape {got_shape} but its values were broadcast along the wrong axis: the "
              "reduction over {axis} lost its axis, so aligned from the right it stretched across the other one. "
              "Keep the reduced axis with `keepdim=True` so it broadcasts back where it came from.",
        "zh": "`{var}` 的形状 {got_shape} 是对的，但数值沿着错误的轴广播了：在 {axis} 上的归约去掉了这个轴，"
              "从右往左对齐时它就沿另一个轴被拉伸了。请用 `keepdim=True` 保留被归约的轴，让它沿原来的方向广播回去。"},
    "exercise.diagnosis.broadcast_stretched": {
        "en": "`{var}` has shape {got_shape}: it is the answer (shape {want_shape}) repeated along an axis by "
              "broadcasting. Look at which operand stretched: the answer has no such axis.",
        "zh": "`{var}` 的形状是 {got_shape}：它是正确答案（形状 {want_shape}）经广播沿某个轴重复的结果。"
              "请看是哪个操作数被拉伸了：正确答案没有这个轴。"},
    "exercise.diagnosis.dtype": {
        "en": "`{var}` has the right values but dtype {got}; the answer is {want}. Pass `dtype=` when you create it, "
              "or convert with `.to(...)` (`.astype(...)` in NumPy).",
        "zh": "`{var}` 的数值是对的，但 dtype 是 {got}；正确答案是 {want}。请在创建时传入 `dtype=`，"
              "或用 `.to(...)`（NumPy 中用 `.astype(...)`）转换。"},
    "exercise.diagnosis.dtype_values": {
        "en": "`{var}` is {got} where the answer is {want}: integer arithmetic loses the fractions. "
              "Make the values floats first (`1.0` instead of `1`, or `.float()`).",
        "zh": "`{var}` 的类型是 {got}，而正确答案是 {want}：整数运算会丢掉小数部分。"
              "请先把数值变成浮点数（用 `1.0` 代替 `1`，或调用 `.float()`）。"},
    "exercise.diagnosis.divisor": {
        "en": "`{var}` divides by {got_n} where the answer divides by {want_n}: torch's `std`/`var` divide by n−1 "
              "(`correction=1`), NumPy's by n (`ddof=0`). Pass `correction=` or `ddof=` to choose.",
        "zh": "`{var}` 除以 {got_n}，而正确答案除以 {want_n}：torch 的 `std`/`var` 除以 n−1（`correction=1`），"
              "NumPy 的除以 n（`ddof=0`）。请用 `correction=` 或 `ddof=` 指定。"},
    "exercise.diagnosis.alias_shared": {
        "en": "`{var}` has the right values but is the same memory as `{source}`: changing one changes the other. "
              "Make a copy: `.clone()` in torch, `.copy()` in NumPy.",
        "zh": "`{var}` 的数值是对的，但它和 `{source}` 是同一块内存：改一个，另一个也会变。"
              "请复制一份：torch 用 `.clone()`，NumPy 用 `.copy()`。"},
    "exercise.diagnosis.alias_copied": {
        "en": "`{var}` has the right values but is a copy; the answer shares memory with `{source}`. "
              "`.numpy()` and `torch.from_numpy` share memory; `torch.tensor(...)`, `np.array(...)` and `.clone()` copy.",
        "zh": "`{var}` 的数值是对的，但它是一份拷贝；正确答案和 `{source}` 共享内存。"
              "`.numpy()` 和 `torch.from_numpy` 共享内存；`torch.tensor(...)`、`np.array(...)` 和 `.clone()` 会复制。"},
    "exercise.diagnosis.given_changed": {
        "en": "`{var}` is right, but your cell also changed `{source}`: something you wrote to shares `{source}`'s "
              "memory. Copy it first with `.clone()` (`.copy()` in NumPy).",
        "zh": "`{var}` 是对的，但你的代码同时改变了 `{source}`：你写入的对象和 `{source}` 共享内存。"
              "请先用 `.clone()`（NumPy 中用 `.copy()`）复制一份。"},
    "exercise.diagnosis.accumulated": {
        "en": "`{var}` is the old gradient plus the new one: `backward()` adds to `.grad`. Clear it first with "
              "`.grad.zero_()` (or set `.grad = None`).",
        "zh": "`{var}` 是旧梯度加上新梯度：`backward()` 会累加到 `.grad` 上。请先用 `.grad.zero_()` 清零"
              "（或设为 `.grad = None`）。"},
    "exercise.diagnosis.accumulated_times": {
        "en": "`{var}` is {times} times the answer: `backward()` ran {times} times and each run added to `.grad`. "
              "Run it once, or clear `.grad` with `.grad.zero_()` before each run.",
        "zh": "`{var}` 是正确答案的 {times} 倍：`backward()` 运行了 {times} 次，每次都累加到 `.grad` 上。"
              "请只运行一次，或在每次运行前用 `.grad.zero_()` 清零。"},
    "exercise.diagnosis.library": {
        "en": "`{var}` has the right values but is a {got} value; the answer is a {want} one. "
              "`torch.from_numpy(a)` or `torch.tensor(a)` makes a tensor, `t.numpy()` an array.",
        "zh": "`{var}` 的数值是对的，但它是 {got} 的值；正确答案是 {want} 的。"
              "`torch.from_numpy(a)` 或 `torch.tensor(a)` 得到张量，`t.numpy()` 得到数组。"},
    "exercise.diagnosis.not_array": {
        "en": "`{var}` has type `{type}`: not a tensor, an array or a number.",
        "zh": "`{var}` 的类型是 `{type}`：不是张量、数组或数字。"},
    "exercise.diagnosis.shape": {
        "en": "`{var}` has shape {got_shape}, but the answer has shape {want_shape}.",
        "zh": "`{var}` 的形状是 {got_shape}，但正确答案的形状是 {want_shape}。"},
    "exercise.diagnosis.value": {
        "en": "`{var}` has the right shape {got_shape} but other values: `{where}` is {got_item}, the answer has {want_item}.",
        "zh": "`{var}` 的形状 {got_shape} 是对的，但数值不同：`{where}` 是 {got_item}，正确答案是 {want_item}。"},
    "exercise.diagnosis.value_object": {
        "en": "`{var}` is {got}; the answer is {want}.",
        "zh": "`{var}` 是 {got}；正确答案是 {want}。"},

    # -- exercises a teacher writes -------------------------------------------------------------
    "exercise.authored.prompt": {"en": "Compute {names} from the given values.", "zh": "用给定的值计算 {names}。"},
    "exercise.authored.why": {"en": "Your answer means the same as the reference solution's.",
                              "zh": "你的答案与参考答案的含义相同。"},
    "exercise.authored.looks_like": {
        "en": "Aim first for the right kind of value: `{var}` is a {dtype} {kind} of shape {shape}.",
        "zh": "先瞄准正确的值的样子：`{var}` 是一个 {dtype} {kind}，形状为 {shape}。"},
    "exercise.authored.tensor": {"en": "torch tensor", "zh": "torch 张量"},
    "exercise.authored.array": {"en": "NumPy array", "zh": "NumPy 数组"},
    "exercise.authored.looks_like_value": {
        "en": "Aim first for the right kind of value: `{var}` is a `{type}`.",
        "zh": "先瞄准正确的值的样子：`{var}` 是一个 `{type}`。"},
    "exercise.authored.uses": {"en": "The reference solution uses {operations}.",
                               "zh": "参考答案用到了 {operations}。"},
    "exercise.authored.defined": {
        "en": "Exercise `{name}` is defined: a cell that starts with `%%exercise {name}` checks an answer.",
        "zh": "练习 `{name}` 已定义：以 `%%exercise {name}` 开头的单元格会检查答案。"},
    "exercise.authored.loaded": {"en": "Loaded {count} exercises from {source}: {names}",
                                 "zh": "从 {source} 载入了 {count} 个练习：{names}"},
    "exercise.authoring.taken": {
        "en": "{name!r} is the name of a built-in exercise; choose another name",
        "zh": "{name!r} 是内置练习的名称；请换一个名称"},
    "exercise.authoring.no_solution_line": {
        "en": "put a line `# solution` between the given values and the reference solution",
        "zh": "请在给定的值和参考答案之间加一行 `# solution`"},
    "exercise.authoring.bad_name": {
        "en": "{name!r} cannot name an exercise: use letters, digits, '-', '_' and '.'",
        "zh": "{name!r} 不能作为练习名称：请使用字母、数字、'-'、'_' 和 '.'"},
    "exercise.authoring.bad_answers": {
        "en": "answers must be variable names (such as P, or x.grad), not: {answers}",
        "zh": "答案必须是变量名（例如 P 或 x.grad），而不是：{answers}"},
    "exercise.authoring.setup_failed": {
        "en": "the given values of exercise {name!r} raised {error}",
        "zh": "练习 {name!r} 的给定值代码抛出了 {error}"},
    "exercise.authoring.solution_failed": {
        "en": "the reference solution of exercise {name!r} raised {error}",
        "zh": "练习 {name!r} 的参考答案抛出了 {error}"},
    "exercise.authoring.no_answer": {
        "en": "the reference solution of exercise {name!r} does not set {var}",
        "zh": "练习 {name!r} 的参考答案没有给 {var} 赋值"},
    "exercise.authoring.no_file": {
        "en": "no file or module {path!r} to load exercises from",
        "zh": "没有可以载入练习的文件或模块 {path!r}"},
    "exercise.authoring.none_defined": {
        "en": "{path!r} defines no exercise: call d2l_magics.define_exercise(...) in it",
        "zh": "{path!r} 没有定义任何练习：请在其中调用 d2l_magics.define_exercise(...)"},
    "exercise.authoring.entry_point_failed": {
        "en": "the exercises of the installed package entry point {name!r} could not be loaded: {error}",
        "zh": "无法载入已安装包的入口点 {name!r} 中的练习：{error}"},
    "exercise.progress.not_saved": {
        "en": "progress could not be saved to {path}: {error}",
        "zh": "无法把进度保存到 {path}：{error}"},

    # -- grading a class (python -m d2l_magics grade) ------------------------------------------------
    "grade.cli.description": {"en": "d2l_magics tools for teachers.", "zh": "d2l_magics 的教师工具。"},
    "grade.cli.grade": {
        "en": "Run each submitted notebook afresh in a real kernel (stored outputs are ignored) and write one "
              "CSV row per student and exercise: ok, diagnosis, hints used, and what happened to the notebook.",
        "zh": "在真实内核中重新运行每个提交的笔记本（忽略其中保存的输出），为每个学生的每个练习写一行 CSV："
              "是否通过、诊断、用过的提示数，以及笔记本的运行情况。"},
    "grade.cli.warning": {
        "en": "WARNING: grading runs the students' code with your rights. Grade in a container or under a "
              "throwaway account, never in your own.",
        "zh": "警告：评分会以你的权限运行学生的代码。请在容器中或一次性账户下评分，不要用你自己的账户。"},
    "grade.cli.graded": {"en": "graded {student}: {status} in {seconds} s", "zh": "已评分 {student}：{status}，用时 {seconds} 秒"},
    "grade.cli.written": {"en": "{rows} rows written to {path}", "zh": "已把 {rows} 行写入 {path}"},
    "grade.label.student": {"en": "student", "zh": "学生"},
    "grade.label.passed": {"en": "passed", "zh": "通过"},
    "grade.label.status": {"en": "notebook", "zh": "笔记本"},
    "grade.label.seconds": {"en": "seconds", "zh": "秒"},
    "grade.detail.raised": {"en": "{error} in cell {cell}", "zh": "第 {cell} 个单元格抛出 {error}"},
    "grade.detail.timeout": {"en": "a cell ran longer than {seconds} s", "zh": "有单元格运行超过 {seconds} 秒"},
    "grade.detail.died": {"en": "the kernel died", "zh": "内核崩溃了"},
    "grade.detail.invalid": {"en": "not a notebook ({error})", "zh": "不是笔记本文件（{error}）"},
}
