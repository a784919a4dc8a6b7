"""Learner-facing sentences: exercises. Each id maps to its English and Chinese text.

The labels and the verdicts every exercise shares, the automatic diagnosis, teachers' exercises
and grading. Each built-in exercise's own texts are in ``exercise_texts.py``.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # -- labels ------------------------------------------------------------------------------
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
