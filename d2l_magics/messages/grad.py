"""Learner-facing sentences: grad. Each id maps to its English and Chinese text."""

MESSAGES: dict[str, dict[str, str]] = {
    # headings and labels
    "grad.heading": {"en": "%grad: {count} tensor(s)", "zh": "%grad：{count} 个张量"},
    "grad.label.value": {"en": "value", "zh": "值"},
    "grad.label.grad": {"en": "grad", "zh": "梯度 grad"},
    "grad.label.shape": {"en": "shape", "zh": "形状"},
    "grad.label.dtype": {"en": "dtype", "zh": "dtype"},
    "grad.label.device": {"en": "device", "zh": "设备"},
    "grad.label.min": {"en": "min", "zh": "最小值"},
    "grad.label.max": {"en": "max", "zh": "最大值"},
    "grad.label.mean": {"en": "mean", "zh": "均值"},
    "grad.label.norm": {"en": "norm", "zh": "范数"},
    "grad.label.graph": {"en": "graph, from the output to the leaves", "zh": "计算图：从输出到叶子"},
    "grad.label.check": {"en": "numerical check", "zh": "数值检验"},
    "grad.label.explanation": {"en": "What went wrong", "zh": "出了什么问题"},
    "grad.label.warnings": {"en": "Watch out", "zh": "注意"},
    "grad.label.slice": {"en": "slice", "zh": "切片"},
    "grad.label.downsampled": {"en": "shown at {shown} (block means of {shape})",
                               "zh": "按 {shown} 显示（{shape} 的分块均值）"},
    "grad.label.unfold": {"en": "the whole graph, every one of its {count} nodes",
                          "zh": "完整的计算图，全部 {count} 个节点"},
    "grad.label.one_scale": {"en": "one colour scale for all {count} slices: ±{scale}",
                             "zh": "所有 {count} 个切片共用一个颜色刻度：±{scale}"},
    "grad.label.numbers": {"en": "{label}, as numbers", "zh": "{label}的数值"},
    "grad.label.empty": {"en": "(empty: no elements)", "zh": "（空：没有元素）"},
    "grad.label.more_nodes": {"en": "... the graph goes on: only its first {count} nodes are drawn",
                              "zh": "……计算图还没完：只画出了前 {count} 个节点"},
    # what a leaf has (or lacks)
    "grad.leaf.no_requires_grad": {
        "en": "{name} does not require grad, so autograd never fills {name}.grad. Create it with "
              "requires_grad=True, or call {name}.requires_grad_() before computing with it.",
        "zh": "{name} 不需要梯度（requires_grad=False），所以 autograd 不会填写 {name}.grad。"
              "创建时加上 requires_grad=True，或在计算之前调用 {name}.requires_grad_()。"},
    "grad.leaf.no_grad_yet": {
        "en": "{name} requires grad but {name}.grad is None: no backward() has reached it yet.",
        "zh": "{name} 需要梯度，但 {name}.grad 是 None：还没有任何 backward() 传到它。"},
    "grad.leaf.non_leaf": {
        "en": "{name} is not a leaf (it was computed by {grad_fn}), and PyTorch keeps .grad only for "
              "leaves. Call {name}.retain_grad() before backward() if you want to see its gradient.",
        "zh": "{name} 不是叶子张量（由 {grad_fn} 计算得到），PyTorch 只为叶子保存 .grad。"
              "如果想看它的梯度，请在 backward() 之前调用 {name}.retain_grad()。"},
    "grad.graph.none": {
        "en": "No graph: no backward() ran here, and no tensor shown was computed from tensors that require grad.",
        "zh": "没有计算图：这里没有运行 backward()，显示的张量也不是由需要梯度的张量计算出来的。"},
    "grad.no_tensors": {
        "en": "No tensor in the namespace has a .grad yet: call backward() on a scalar result first.",
        "zh": "命名空间里还没有张量有 .grad：先对一个标量结果调用 backward()。"},
    "grad.no_change": {
        "en": "No leaf's .grad changed in this cell: did the cell call backward()?",
        "zh": "这个单元格没有改变任何叶子的 .grad：单元格里调用 backward() 了吗？"},
    # numerical check
    "grad.check.ok": {
        "en": "ok: autograd agrees with central finite differences (float64), largest difference {err}",
        "zh": "通过：autograd 与中心差分（float64）一致，最大差 {err}"},
    "grad.check.bad": {
        "en": "MISMATCH: autograd differs from central finite differences (float64) by up to {err}. "
              "If you wrote a custom torch.autograd.Function, its backward() is probably wrong.",
        "zh": "不一致：autograd 与中心差分（float64）最多相差 {err}。"
              "如果你写了自定义的 torch.autograd.Function，它的 backward() 很可能有错。"},
    "grad.check.capped": {
        "en": "{name} has {total} elements: checked {checked} of them, chosen at random "
              "(change the limit with --max-check N).",
        "zh": "{name} 有 {total} 个元素：随机抽查了其中 {checked} 个（用 --max-check N 修改上限）。"},
    "grad.check.timed": {
        "en": "{name} has {total} elements: checked {checked} of them, chosen at random, in the few "
              "seconds --check allows (change the limit with --max-check N).",
        "zh": "{name} 有 {total} 个元素：在 --check 允许的几秒内随机抽查了其中 {checked} 个（用 --max-check N 修改上限）。"},
    "grad.check.bad_plain": {
        "en": "MISMATCH: autograd differs from central finite differences (float64) by up to {err}. "
              "No custom autograd.Function ran, so the computation is probably not smooth at this point "
              "(abs, relu or max at a tie, rounding), where finite differences do not give the gradient.",
        "zh": "不一致：autograd 与中心差分（float64）最多相差 {err}。"
              "单元格没有运行自定义的 autograd.Function，所以很可能是计算在这一点不光滑"
              "（abs、relu、max 取到相等值、取整），有限差分在这里得不到梯度。"},
    "grad.check.no_backward": {
        "en": "--check found no backward() call in this cell, so nothing was checked.",
        "zh": "--check 在这个单元格里没有找到 backward() 调用，所以没有检验。"},
    "grad.check.failed": {
        "en": "--check could not evaluate the cell's computation again in float64: {error}",
        "zh": "--check 无法在 float64 下重新计算单元格的计算：{error}"},
    "grad.check.nondeterministic": {
        "en": "cannot check: the cell is not deterministic. Its computation, evaluated again at the same "
              "point, gave {again} where the cell got {cell} (a random draw from a generator --check cannot "
              "replay, or a result that depends on more than the leaves), so finite differences would mean nothing.",
        "zh": "无法检验：这个单元格的计算不是确定的。在同一点重新计算得到 {again}，而单元格得到的是 {cell}"
              "（可能是 --check 无法重放的随机数生成器，或结果不只取决于叶子张量），所以有限差分没有意义。"},
    "grad.check.not_finite": {
        "en": "cannot check: the output backward() started from is {value}, not a finite number, so "
              "neither autograd nor finite differences give a usable gradient.",
        "zh": "无法检验：backward() 的起点输出是 {value}，不是有限的数，所以 autograd 和有限差分都给不出可用的梯度。"},
    "grad.check.untraceable": {
        "en": "cannot check {names}: part of the way from {names} to the output was not computed by torch "
              "in this cell (a tensor computed in an earlier cell, or values that went through NumPy, "
              ".item() or .tolist()). Compute the output from the leaves in the cell that calls backward().",
        "zh": "无法检验 {names}：从 {names} 到输出的一部分计算不是本单元格里的 torch 运算"
              "（在之前的单元格里算出的张量，或经过 NumPy、.item()、.tolist() 的值）。"
              "请在调用 backward() 的同一个单元格里从叶子张量算出输出。"},
    "grad.check.skipped": {
        "en": "{name} was not checked: only floating-point tensors that got a gradient in this cell can be.",
        "zh": "{name} 没有检验：只能检验在本单元格得到梯度的浮点张量。"},
    # explanations of autograd errors
    "grad.explain.nonscalar_backward": {
        "en": "backward() without arguments works only on a scalar (a single number){output_shape}. "
              "Either reduce it first, y.sum().backward(), or pass the weights of each "
              "element: y.backward(gradient=torch.ones_like(y)). Both give the gradient of y.sum().",
        "zh": "不带参数的 backward() 只能用于标量（一个数）{output_shape}。"
              "可以先求和：y.sum().backward()，或者传入每个元素的权重："
              "y.backward(gradient=torch.ones_like(y))。两者得到的都是 y.sum() 的梯度。"},
    "grad.explain.output_shape": {
        "en": ", and your output has shape {shape}",
        "zh": "，而你的输出形状是 {shape}"},
    "grad.explain.second_backward": {
        "en": "The graph was already used by a backward(): PyTorch frees its intermediate values "
              "after the first backward(). Call the first one as {call} to keep "
              "them, or recompute {name} before the second backward().",
        "zh": "这个计算图已经被 backward() 用过一次：第一次 backward() 之后 PyTorch 会释放中间结果。"
              "第一次调用时写 {call} 保留它们，或者在第二次 backward() 前重新计算 {name}。"},
    "grad.explain.numpy_requires_grad": {
        "en": ".numpy() cannot be called on a tensor that requires grad: NumPy would lose the graph. "
              "Use {name}.detach().numpy() (detach() gives the same numbers without the graph).",
        "zh": "需要梯度的张量不能直接调用 .numpy()：NumPy 无法保留计算图。"
              "请用 {name}.detach().numpy()（detach() 得到同样的数值，但不带计算图）。"},
    "grad.explain.grad_is_none": {
        "en": "A .grad here is None: autograd fills x.grad only when a backward() reaches x, and "
              "x.grad = None empties it. Before the first backward() there is nothing to zero_(); "
              "x.grad = None always works for clearing, or check `if x.grad is not None` first.",
        "zh": "这里的 .grad 是 None：只有 backward() 传到 x 时 autograd 才会填写 x.grad，"
              "x.grad = None 会把它清空。第一次 backward() 之前没有东西可以 zero_()；"
              "清空梯度时写 x.grad = None 总是可以的，或者先判断 `if x.grad is not None`。"},
    "grad.explain.misspelt_keyword": {
        "en": "PyTorch does not know the name '{wrong}': did you mean {right}?",
        "zh": "PyTorch 不认识名字 '{wrong}'：你是想写 {right} 吗？"},
    "grad.explain.unknown_keyword": {
        "en": "The function you called has no keyword argument '{wrong}': check its spelling against the "
              "names its documentation (or help()) lists.",
        "zh": "你调用的函数没有关键字参数 '{wrong}'：请对照它的文档（或 help()）列出的名称检查拼写。"},
    "grad.explain.non_leaf_grad": {
        "en": "The cell read .grad of a tensor that is not a leaf (it was computed from other tensors), "
              "so it is None: PyTorch keeps .grad only for leaves such as x = torch.arange(4.0, "
              "requires_grad=True). Call y.retain_grad() before backward() to keep y.grad, or read the "
              "leaf's .grad instead.",
        "zh": "单元格读取了非叶子张量（由其他张量计算得到）的 .grad，所以它是 None："
              "PyTorch 只为叶子张量（如 x = torch.arange(4.0, requires_grad=True)）保存 .grad。"
              "在 backward() 之前调用 y.retain_grad() 可以保留 y.grad，或者改为读取叶子的 .grad。"},
    "grad.warn.accumulated": {
        "en": "{name}.grad was not cleared before backward(), so the new gradient was ADDED to the old "
              "one. Before: {before}. After: {after}. Clear it first with {name}.grad.zero_() or "
              "{name}.grad = None.",
        "zh": "backward() 之前没有清空 {name}.grad，所以新的梯度被“累加”到了旧梯度上。"
              "之前：{before}。之后：{after}。请先用 {name}.grad.zero_() 或 {name}.grad = None 清空。"},
    # mistakes in the magic line
    "grad.usage.unknown_names": {
        "en": "%grad: no variable named {names} in the namespace",
        "zh": "%grad：命名空间中没有名为 {names} 的变量"},
    "grad.usage.not_tensors": {
        "en": "%grad: {names} is not a torch tensor; %grad shows tensors only",
        "zh": "%grad：{names} 不是 torch 张量；%grad 只显示张量"},
    "grad.usage.wrt_needs_one_output": {
        "en": "%grad Y --wrt X: give exactly one output Y before --wrt",
        "zh": "%grad Y --wrt X：--wrt 前面要给出恰好一个输出 Y"},
    "grad.usage.check_needs_cell": {
        "en": "--check re-runs a cell's computation: use it as %%grad --check with the code below",
        "zh": "--check 需要重新运行单元格的计算：请写成 %%grad --check，代码放在下面"},
    "grad.usage.names_in_cell": {
        "en": "%%grad takes no names on its line; use --wrt NAME to choose tensors",
        "zh": "%%grad 的魔法行上不接受名字；用 --wrt NAME 选择张量"},
    "grad.usage.max_check": {
        "en": "--max-check needs a positive number",
        "zh": "--max-check 需要一个正数"},
}
