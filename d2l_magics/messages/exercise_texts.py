"""Learner-facing sentences: each built-in exercise's own texts, in the order of the notes.

Per exercise: its title, prompt, hints, why its solution is right, and the mistakes only it can
make. The sentences every exercise shares are in ``exercises.py``.
"""

MESSAGES: dict[str, dict[str, str]] = {
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
}
