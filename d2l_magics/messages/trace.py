"""Learner-facing sentences: trace. Each id maps to its English and Chinese text."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- pieces ------------------------------------------------------------------------------
    "trace.join": {"en": "; ", "zh": "；"},
    "trace.single_value": {"en": "a single value", "zh": "单个值"},
    "trace.multiple_of": {"en": "a multiple of {n}", "zh": "{n} 的倍数"},
    # -- what an operation did ---------------------------------------------------------------
    "trace.reduce_removed": {
        "en": "{name} reduces away axis {axes} (length {sizes})",
        "zh": "{name} 沿 axis {axes}（长度 {sizes}）归约，这些轴被去掉"},
    "trace.reduce_kept": {
        "en": "{name} reduces axis {axes} (length {sizes}) to length 1 ({keyword}=True), "
              "so the result still broadcasts against the input",
        "zh": "{name} 沿 axis {axes}（长度 {sizes}）求值，{keyword}=True：这些轴保留为长度 1，"
              "所以结果还能和输入广播"},
    "trace.reduce_kept_unit": {
        "en": "{name} reduces axis {axes} (already length 1) and keeps it ({keyword}=True): the shape is unchanged",
        "zh": "{name} 沿 axis {axes}（本来长度就是 1）求值，{keyword}=True 保留该轴：形状不变"},
    "trace.reduce_all": {
        "en": "{name} over every axis: a single value, shape ()",
        "zh": "{name} 对所有轴求值：得到一个数，形状 ()"},
    "trace.reduce_all_kept": {
        "en": "{name} over every axis with {keyword}=True: a single value kept as {out}",
        "zh": "{name} 对所有轴求值，{keyword}=True：一个数，保留为 {out}"},
    "trace.values_indices": {
        "en": "with a dim, torch returns (values, indices), both of shape {out}",
        "zh": "指定 dim 时 torch 返回 (values, indices)，两者形状都是 {out}"},
    "trace.cumulative": {
        "en": "{name} along axis {axis}: running totals, shape {out} unchanged",
        "zh": "{name} 沿 axis {axis} 累计：形状 {out} 不变"},
    "trace.broadcast": {
        "en": "broadcast (shapes aligned from the right) to {out}: {details}",
        "zh": "广播（形状从右对齐）到 {out}：{details}"},
    "trace.broadcast_added": {
        "en": "{label} {shape} gets axis {axis} of length {size} added in front",
        "zh": "{label} {shape} 在前面补上 axis {axis}，长度 {size}"},
    "trace.broadcast_stretched": {
        "en": "{label} {shape} axis {axis} is stretched from 1 to {size}",
        "zh": "{label} {shape} 的 axis {axis} 从 1 拉伸到 {size}"},
    "trace.elementwise": {
        "en": "element by element: shape {out} unchanged",
        "zh": "逐元素计算：形状 {out} 不变"},
    "trace.inplace": {
        "en": "in place: {label} keeps its shape and its memory",
        "zh": "原地操作：{label} 的形状和内存都不变"},
    "trace.matmul_dot": {
        "en": "{a} and {b} (both length {n}) are multiplied element by element and summed: one number, shape ()",
        "zh": "{a} 和 {b}（长度都是 {n}）逐元素相乘再求和：得到一个数，形状 ()"},
    "trace.matmul_contracted": {
        "en": "{a} axis {axis_a} and {b} axis {axis_b} (both length {n}) are multiplied pairwise and summed away: "
              "result {out}",
        "zh": "{a} 的 axis {axis_a} 和 {b} 的 axis {axis_b}（长度都是 {n}）对应相乘后求和消去：结果 {out}"},
    "trace.matmul_batch": {
        "en": "the leading axes {batch} are batch axes, matched (or broadcast) pair by pair",
        "zh": "前面的轴 {batch} 是批量轴，逐对匹配（或广播）"},
    "trace.matmul_outer": {
        "en": "nothing is summed: every element of {a} times every element of {b} gives {out}",
        "zh": "没有求和：{a} 的每个元素乘以 {b} 的每个元素，得到 {out}"},
    "trace.reshape": {
        "en": "{label} {shape} → {out}: the same elements, a new shape",
        "zh": "{label} {shape} → {out}：元素不变，形状改变"},
    "trace.transpose": {
        "en": "{label} {shape} → {out}: the axes are reordered",
        "zh": "{label} {shape} → {out}：轴的顺序调换了"},
    "trace.cat": {
        "en": "joined along axis {axis}: {sizes} = {total}, result {out}",
        "zh": "沿 axis {axis} 拼接：{sizes} = {total}，结果 {out}"},
    "trace.cat_flat": {
        "en": "axis=None: each array is flattened, then joined: {sizes} = {total} values, result {out}",
        "zh": "axis=None：先把每个数组展平，再拼接：{sizes} = {total} 个值，结果 {out}"},
    "trace.stack": {
        "en": "{n} arrays of shape {shape} stacked along a new axis {axis}: result {out}",
        "zh": "{n} 个形状为 {shape} 的数组沿新的 axis {axis} 堆叠：结果 {out}"},
    "trace.copy_joined": {
        "en": "the result is new memory (a copy)",
        "zh": "结果是新的内存（副本）"},
    "trace.view": {
        "en": "a view: it shares memory with {label}, so writing into one changes the other",
        "zh": "视图：和 {label} 共享内存，改其中一个另一个也会变"},
    "trace.copy": {
        "en": "a copy: new memory, independent of {label}",
        "zh": "副本：新的内存，和 {label} 互不影响"},
    "trace.index": {
        "en": "{label}[{index}] takes {out} out of {shape}",
        "zh": "{label}[{index}] 从 {shape} 中取出 {out}"},
    "trace.index_write": {
        "en": "writes {value} into {label}[{index}] (a region of shape {region}) in place; {label} keeps shape {shape}",
        "zh": "把 {value} 原地写入 {label}[{index}]（区域形状 {region}）；{label} 的形状仍是 {shape}"},
    "trace.index_write_broadcast": {
        "en": "the value {value} is broadcast to {region}",
        "zh": "写入的值 {value} 被广播到 {region}"},
    "trace.create": {
        "en": "{name} creates shape {out}",
        "zh": "{name} 创建了形状 {out}"},
    "trace.create_from": {
        "en": "{name} from {label} {shape}: result {out}",
        "zh": "{name} 由 {label} {shape} 得到 {out}"},
    "trace.other": {
        "en": "{name}: {shapes} → {out}",
        "zh": "{name}：{shapes} → {out}"},
    # -- why an operation failed, and a fix ----------------------------------------------------
    "trace.error_broadcast": {
        "en": "cannot broadcast: aligned from the right, axis {axis} is {x} in {a} but {y} in {b}, and neither is 1",
        "zh": "无法广播：从右对齐后，axis {axis} 在 {a} 中是 {x}，在 {b} 中是 {y}，而且都不是 1"},
    "trace.error_inplace_grow": {
        "en": "an in-place operation cannot change {label}'s shape {shape}, but broadcasting gives {out}",
        "zh": "原地操作不能改变 {label} 的形状 {shape}，但广播结果是 {out}"},
    "trace.fix_new_axis": {
        "en": "to line {label} {shape} up with axis {axis} of {other}, write {code}: it becomes {new_shape}",
        "zh": "要让 {label} {shape} 对齐 {other} 的 axis {axis}，写成 {code}：形状变为 {new_shape}"},
    "trace.fix_transpose": {
        "en": "transposing lines them up: {code} has shape {shape}",
        "zh": "转置后就能对齐：{code} 的形状是 {shape}"},
    "trace.error_dot_1d": {
        "en": "torch.dot takes two 1-D tensors only; got {shapes}",
        "zh": "torch.dot 只接受两个一维张量；这里是 {shapes}"},
    "trace.fix_dot_2d": {
        "en": "use torch.mv(A, x) for a matrix and a vector, torch.mm(A, B) or A @ B for two matrices",
        "zh": "矩阵乘向量用 torch.mv(A, x)，两个矩阵用 torch.mm(A, B) 或 A @ B"},
    "trace.error_mm_2d": {
        "en": "torch.mm takes two 2-D matrices only; got {shapes}",
        "zh": "torch.mm 只接受两个二维矩阵；这里是 {shapes}"},
    "trace.fix_mm_vector": {
        "en": "for a matrix times a vector use torch.mv(A, x) or A @ x",
        "zh": "矩阵乘向量用 torch.mv(A, x) 或 A @ x"},
    "trace.error_mv_shape": {
        "en": "torch.mv takes a 2-D matrix and a 1-D vector; got {shapes}",
        "zh": "torch.mv 需要一个二维矩阵和一个一维向量；这里是 {shapes}"},
    "trace.fix_mv_matrix": {
        "en": "for two matrices use torch.mm(A, B) or A @ B",
        "zh": "两个矩阵相乘用 torch.mm(A, B) 或 A @ B"},
    "trace.error_inner_lengths": {
        "en": "{a} has length {n} but {b} has length {k}: they must be equal",
        "zh": "{a} 的长度是 {n}，但 {b} 的长度是 {k}：两者必须相等"},
    "trace.error_inner_vector": {
        "en": "{a} has {n} columns but {b} has length {k}: they must be equal",
        "zh": "{a} 有 {n} 列，但 {b} 的长度是 {k}：两者必须相等"},
    "trace.error_inner_row": {
        "en": "{a} has length {n} but {b} has {k} rows: they must be equal",
        "zh": "{a} 的长度是 {n}，但 {b} 有 {k} 行：两者必须相等"},
    "trace.error_inner_matrix": {
        "en": "{a} has {n} columns but {b} has {k} rows: they must be equal",
        "zh": "{a} 有 {n} 列，但 {b} 有 {k} 行：两者必须相等"},
    "trace.error_dtype": {
        "en": "the shapes fit, but the dtypes differ: {dtypes}",
        "zh": "形状没问题，但 dtype 不同：{dtypes}"},
    "trace.fix_dtype": {
        "en": "convert one side first, e.g. x.float() or x.to(y.dtype)",
        "zh": "先转换其中一个，例如 x.float() 或 x.to(y.dtype)"},
    "trace.error_cat": {
        "en": "joining along axis {axis} needs every other axis to match, but axis {bad} is {x} in {a} and {y} in {b}",
        "zh": "沿 axis {axis} 拼接要求其他轴都相同，但 axis {bad} 在 {a} 中是 {x}，在 {b} 中是 {y}"},
    "trace.error_cat_ndim": {
        "en": "joining needs the same number of axes: {a} is {x} but {b} is {y}",
        "zh": "拼接要求轴的个数相同：{a} 是 {x}，{b} 是 {y}"},
    "trace.fix_cat_axis": {
        "en": "along axis {axis} they would fit",
        "zh": "沿 axis {axis} 拼接就可以"},
    "trace.error_stack": {
        "en": "stacking needs equal shapes: {a} is {x} but {b} is {y}",
        "zh": "堆叠要求形状完全相同：{a} 是 {x}，{b} 是 {y}"},
    "trace.error_reshape": {
        "en": "{label} {shape} has {size} elements, but the shape {target} needs {needed}",
        "zh": "{label} {shape} 有 {size} 个元素，但形状 {target} 需要 {needed} 个"},
    "trace.error_view_contiguous": {
        "en": "view needs {label}'s elements in order in memory (contiguous); after a transpose they are not",
        "zh": "view 要求 {label} 的元素在内存中按顺序存放（contiguous）；转置之后就不是了"},
    "trace.fix_reshape": {
        "en": "use .reshape(...), which copies when it has to (or .contiguous().view(...))",
        "zh": "改用 .reshape(...)，必要时它会复制（或 .contiguous().view(...)）"},
    "trace.error_axis_range": {
        "en": "{label} {shape} has {ndim} axes, so there is no axis {axis}: use 0 to {last} (or -{ndim} to -1)",
        "zh": "{label} {shape} 只有 {ndim} 个轴，没有 axis {axis}：可用 0 到 {last}（或 -{ndim} 到 -1）"},
    "trace.error_reduce_int": {
        "en": "torch's {name} needs floating-point values, but {label} is {dtype}",
        "zh": "torch 的 {name} 需要浮点数，但 {label} 是 {dtype}"},
    "trace.fix_reduce_int": {
        "en": "convert first: {label}.float().{name}(...), or create it with dtype=torch.float32",
        "zh": "先转换：{label}.float().{name}(...)，或创建时指定 dtype=torch.float32"},
    "trace.error_index": {
        "en": "{label} has shape {shape}; the index [{index}] is out of range for it",
        "zh": "{label} 的形状是 {shape}；索引 [{index}] 超出了范围"},
    "trace.error_setitem": {
        "en": "a value of shape {value} cannot be written into {label}[{index}]",
        "zh": "形状为 {value} 的值无法写入 {label}[{index}]"},
    "trace.error_generic": {
        "en": "{op} failed; operand shapes: {shapes}",
        "zh": "{op} 出错；操作数形状：{shapes}"},
    "trace.usage_empty_line": {
        "en": "%shape_trace needs code after it, e.g. %shape_trace X.sum(axis=0) (or use %%shape_trace on a cell)",
        "zh": "%shape_trace 后面需要代码，例如 %shape_trace X.sum(axis=0)（或在单元格上用 %%shape_trace）"},
    # -- explain mode: what the library said, in plain words -------------------------------------
    "trace.plain.broadcast": {
        "en": "torch says two operands cannot broadcast: at axis {axis} of the result one has length {x} and "
              "the other {y}, and neither is 1",
        "zh": "torch 说两个操作数无法广播：在结果的 axis {axis} 上，一个长度是 {x}，另一个是 {y}，而且都不是 1"},
    "trace.plain.broadcast_shapes": {
        "en": "NumPy says the shapes {shapes} cannot broadcast: aligned from the right, some axis differs and neither "
              "length is 1",
        "zh": "NumPy 说形状 {shapes} 无法广播：从右对齐后，某个轴的长度不同，而且都不是 1"},
    "trace.plain.inplace_grow": {
        "en": "an in-place operation cannot change the target's shape ({shape}), but broadcasting gives ({out})",
        "zh": "原地操作不能改变目标的形状（{shape}），但广播结果是（{out}）"},
    "trace.plain.matmul": {
        "en": "torch says a {a}×{n} matrix cannot multiply a {k}×{b} one: the inner lengths {n} and {k} must be equal",
        "zh": "torch 说 {a}×{n} 的矩阵不能乘以 {k}×{b} 的矩阵：中间的长度 {n} 和 {k} 必须相等"},
    "trace.plain.matmul_rules": {
        "en": "the operands do not fit this product: the last axis of the left one must match the rows "
              "(or the length) of the right one, and mm/mv/dot take exactly 2-D/2-D, 2-D/1-D and 1-D/1-D",
        "zh": "操作数不满足这个乘法的要求：左边的最后一个轴必须和右边的行数（或长度）相同，"
              "而 mm/mv/dot 分别只接受 二维/二维、二维/一维、一维/一维"},
    "trace.plain.reshape": {
        "en": "the new shape ({target}) needs a different number of elements than the {size} there are",
        "zh": "新形状（{target}）需要的元素个数和现有的 {size} 个不同"},
    "trace.plain.view": {
        "en": "view needs the elements in order in memory (contiguous), and these are not: use .reshape(...)",
        "zh": "view 要求元素在内存中按顺序存放（contiguous），这里不是：改用 .reshape(...)"},
    "trace.plain.cat": {
        "en": "joining along axis {axis} needs every other axis to have equal lengths: tensor number {number} of the list has length {got} where the first has {expected}",
        "zh": "沿 axis {axis} 拼接时，其余各轴的长度必须相同：列表中第 {number} 个张量的长度是 {got}，而第一个是 {expected}"},
    "trace.plain.cat_axis": {
        "en": "joining along axis {axis} needs every other axis to have equal lengths",
        "zh": "沿 axis {axis} 拼接时，其余各轴的长度必须相同"},
    "trace.plain.cat_any": {
        "en": "joining needs every axis but the joined one to have equal lengths, and they differ",
        "zh": "拼接要求除拼接轴以外的轴长度都相同，这里不同"},
    "trace.plain.cat_ndim": {
        "en": "joining needs every array to have the same number of axes",
        "zh": "拼接要求每个数组的轴数相同"},
    "trace.plain.stack": {
        "en": "stacking needs every array to have exactly the same shape",
        "zh": "堆叠要求每个数组的形状完全相同"},
    "trace.plain.axis": {
        "en": "there is no axis {axis}: this array's axes are {low} to {high}",
        "zh": "没有 axis {axis}：这个数组的轴是 {low} 到 {high}"},
    "trace.plain.axis_numpy": {
        "en": "there is no axis {axis}: the array has {ndim} axes",
        "zh": "没有 axis {axis}：这个数组只有 {ndim} 个轴"},
    "trace.plain.index": {
        "en": "index {index} is past the end of axis {axis}, whose length is {size} (indices 0 to {size} - 1)",
        "zh": "索引 {index} 超出了 axis {axis} 的末尾，该轴长度是 {size}（索引是 0 到 {size} - 1）"},
    "trace.plain.too_many_indices": {
        "en": "more indices than the array has axes",
        "zh": "索引的个数比数组的轴数还多"},
    "trace.plain.reduce_int": {
        "en": "this reduction needs floating-point values, and the tensor holds integers: convert with .float() first",
        "zh": "这个归约需要浮点数，而张量里是整数：先用 .float() 转换"},
    "trace.plain.layer": {
        "en": "a layer received an input whose shape it cannot take",
        "zh": "某一层收到的输入形状不符合它的要求"},
    # -- a model's layers ----------------------------------------------------------------------
    "trace.layer_failed": {
        "en": "layer {name} ({cls}) received {got}",
        "zh": "层 {name}（{cls}）收到的输入形状是 {got}"},
    "trace.layer_axis": {
        "en": "layer {name} is {layer} and received {got}: axis {axis} must be {size}",
        "zh": "层 {name} 是 {layer}，收到的输入形状是 {got}：axis {axis} 必须是 {size}"},
    "trace.layer_last_axis": {
        "en": "layer {name} is {layer} and received {got}: the last axis must be {size}",
        "zh": "层 {name} 是 {layer}，收到的输入形状是 {got}：最后一个轴必须是 {size}"},
    "trace.layer_ndim": {
        "en": "layer {name} is {layer} and received {got}: it takes {ndim} axes (batched) or {unbatched} (one sample)",
        "zh": "层 {name} 是 {layer}，收到的输入形状是 {got}：它需要 {ndim} 个轴（批量）或 {unbatched} 个（单个样本）"},
    "trace.layer_last_axes": {
        "en": "layer {name} is {layer} and received {got}: the last axes must be {size}",
        "zh": "层 {name} 是 {layer}，收到的输入形状是 {got}：最后几个轴必须是 {size}"},
    "trace.layers_heading": {"en": "Layers", "zh": "各层形状"},
    "trace.layers_columns": {"en": "layer|class|input|output|parameters",
                             "zh": "层|类|输入|输出|参数个数"},
    "trace.layer_raised": {"en": "raised", "zh": "出错"},
    # -- explain mode ----------------------------------------------------------------------------
    "trace.explain_heading": {"en": "Shape error explained (line {line})", "zh": "形状错误说明（第 {line} 行）"},
    "trace.explain_on": {
        "en": "Shape explanations on: a shape error in any cell is explained above its traceback",
        "zh": "已开启形状解释：任何单元格里的形状错误都会在 traceback 上方得到解释"},
    "trace.explain_off": {"en": "Shape explanations off", "zh": "已关闭形状解释"},
    "trace.usage_explain": {
        "en": "%shape_explain takes on or off (got {got!r})",
        "zh": "%shape_explain 的参数是 on 或 off（这里是 {got!r}）"},
    # -- report labels -------------------------------------------------------------------------
    "trace.heading": {"en": "Shape trace", "zh": "形状追踪"},
    "trace.error_heading": {"en": "Shape error", "zh": "形状错误"},
    "trace.fix": {"en": "Fix: {fix}", "zh": "修改建议：{fix}"},
    "trace.result_label": {"en": "result", "zh": "结果"},
    "trace.count": {"en": "×{n}", "zh": "×{n}"},
    "trace.more_signatures": {"en": "and {n} more shape combinations", "zh": "还有 {n} 种形状组合"},
    "trace.signature": {"en": "also {shapes} → {out} (×{n})", "zh": "也出现 {shapes} → {out}（×{n}）"},
    "trace.hidden": {
        "en": "not shown: {n} operation(s) that keep their shape (--all shows every operation)",
        "zh": "未显示不改变形状的操作：{n} 个（用 --all 显示全部）"},
    "trace.no_events": {"en": "No array or tensor operation ran.", "zh": "没有运行任何数组或张量操作。"},
    "trace.raised": {"en": "{type} raised here (traceback below)", "zh": "这里抛出了 {type}（见下方的 traceback）"},
    "trace.kind.reduce": {"en": "reduce", "zh": "归约"},
    "trace.kind.broadcast": {"en": "broadcast", "zh": "广播"},
    "trace.kind.matmul": {"en": "matmul", "zh": "矩阵乘法"},
    "trace.kind.reshape": {"en": "reshape", "zh": "变形"},
    "trace.kind.index": {"en": "index", "zh": "索引"},
    "trace.kind.elementwise": {"en": "elementwise", "zh": "逐元素"},
    "trace.kind.create": {"en": "create", "zh": "创建"},
    "trace.kind.call": {"en": "call", "zh": "调用"},
}
