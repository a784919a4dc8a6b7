"""Learner-facing sentences: compare. Each id maps to its English and Chinese text."""

MESSAGES: dict[str, dict[str, str]] = {
    # column headings and verdict labels
    "compare.heading_line": {"en": "line", "zh": "行"},
    "compare.heading_source": {"en": "{lib} code", "zh": "{lib} 代码"},
    "compare.heading_value": {"en": "{lib} value", "zh": "{lib} 的值"},
    "compare.heading_verdict": {"en": "verdict", "zh": "结论"},
    "compare.heading_notes": {"en": "Notes:", "zh": "说明："},
    "compare.verdict.match": {"en": "match", "zh": "一致"},
    "compare.verdict.dtype": {"en": "dtype differs", "zh": "dtype 不同"},
    "compare.verdict.mismatch": {"en": "mismatch", "zh": "不一致"},
    "compare.verdict.torch-only": {"en": "torch only", "zh": "仅 torch"},
    "compare.verdict.numpy-only": {"en": "NumPy only", "zh": "仅 NumPy"},
    "compare.verdict.error": {"en": "error", "zh": "出错"},
    "compare.summary_ok": {
        "en": "{source_lib} and {target_lib} agree: no value differs (rows: {count}).",
        "zh": "{source_lib} 与 {target_lib} 一致：没有哪个值不同（共 {count} 行）。",
    },
    "compare.summary_differs": {
        "en": "{source_lib} and {target_lib} differ: {count} of the {total} rows need a look.",
        "zh": "{source_lib} 与 {target_lib} 有差别：{total} 行中有 {count} 行需要留意。",
    },
    "compare.no_counterpart": {"en": "no counterpart", "zh": "没有对应写法"},
    # what a comparison found
    "compare.float_width": {
        "en": "{name}: {source_lib} gives {source_dtype}, {target_lib} gives {target_dtype}; "
              "the values agree within float32 tolerance (where torch makes float32, NumPy often makes "
              "float64: float lists, int / int, float32 mixed with int64).",
        "zh": "{name}：{source_lib} 得到 {source_dtype}，{target_lib} 得到 {target_dtype}；"
              "按 float32 的精度比较，数值一致（torch 得到 float32 的地方，NumPy 常常得到 float64："
              "浮点数列表、整数相除、float32 与 int64 混合运算）。",
    },
    "compare.int_vs_float": {
        "en": "{name}: {source_lib} gives {source_dtype}, {target_lib} gives {target_dtype}; "
              "the numbers are equal, only the kind of number differs.",
        "zh": "{name}：{source_lib} 得到 {source_dtype}，{target_lib} 得到 {target_dtype}；"
              "数值相同，只是数的类型（整数还是浮点数）不同。",
    },
    "compare.dtype_differs": {
        "en": "{name}: {source_lib} gives {source_dtype}, {target_lib} gives {target_dtype}; the values are equal.",
        "zh": "{name}：{source_lib} 得到 {source_dtype}，{target_lib} 得到 {target_dtype}；数值相同。",
    },
    "compare.dtype_names_differ": {
        "en": "{name}: {source_lib} says {source_dtype}, {target_lib} says {target_dtype}.",
        "zh": "{name}：{source_lib} 是 {source_dtype}，{target_lib} 是 {target_dtype}。",
    },
    "compare.shape_differs": {
        "en": "{name}: the shapes differ: {source_lib} {source_shape}, {target_lib} {target_shape}.",
        "zh": "{name}：形状不同：{source_lib} 是 {source_shape}，{target_lib} 是 {target_shape}。",
    },
    "compare.values_differ": {
        "en": "{name}: the values differ by up to {difference} (tolerance rtol={rtol}, atol={atol}); "
              "the first difference is at {index}: {source_lib} {source_element}, {target_lib} {target_element}.",
        "zh": "{name}：数值最多相差 {difference}（容差 rtol={rtol}，atol={atol}）；"
              "第一处不同在 {index}：{source_lib} 是 {source_element}，{target_lib} 是 {target_element}。",
    },
    "compare.inputs_differ": {
        "en": "{name}: the values differ beyond the tolerance, and it is not float32 rounding: "
              "{input}, which this statement reads, already differs between {source_lib} and {target_lib}.",
        "zh": "{name}：数值的差超出了容差，而且这不是 float32 的舍入误差：这条语句读取的 {input} "
              "在 {source_lib} 和 {target_lib} 中已经不同。"},
    "compare.rounding": {
        "en": "{name}: the values differ by up to {difference}, which is float32 rounding: "
              "{source_lib} and {target_lib} add up the numbers in different orders.",
        "zh": "{name}：数值最多相差 {difference}，这是 float32 的舍入误差："
              "{source_lib} 和 {target_lib} 相加的顺序不同。",
    },
    "compare.value_differs": {
        "en": "{name}: {source_lib} gives {source_value}, {target_lib} gives {target_value}.",
        "zh": "{name}：{source_lib} 得到 {source_value}，{target_lib} 得到 {target_value}。",
    },
    "compare.length_differs": {
        "en": "{name}: {source_lib} gives {source_length} values, {target_lib} gives {target_length}.",
        "zh": "{name}：{source_lib} 返回 {source_length} 个值，{target_lib} 返回 {target_length} 个。",
    },
    "compare.identity": {
        "en": "id() numbers differ between any two objects, so they are not compared; "
              "comparing them (id(y) == before) says whether a name still holds the same object.",
        "zh": "id() 的数值在任意两个对象之间都不同，所以不做比较；"
              "比较它们（如 id(y) == before）才能说明一个名字是否还指向同一个对象。",
    },
    "compare.name_missing": {
        "en": "{name}: the {target_lib} translation did not assign it.",
        "zh": "{name}：{target_lib} 的译文没有给它赋值。",
    },
    "compare.target_raised": {
        "en": "The {target_lib} translation raised {error}.",
        "zh": "{target_lib} 的译文出错：{error}。",
    },
    "compare.target_warned": {
        "en": "The {target_lib} translation warned: {warning}.",
        "zh": "{target_lib} 的译文发出警告：{warning}。",
    },
    "compare.source_raised": {
        "en": "{source_lib} raised {error}; the cell stopped at this line.",
        "zh": "{source_lib} 出错：{error}；这个单元格在这一行停下了。",
    },
    "compare.not_compared": {
        "en": "This statement ran as usual, but its values could not be compared ({error}).",
        "zh": "这条语句照常运行了，但它的值无法比较（{error}）。",
    },
    "compare.random_replayed": {
        "en": "Random numbers: the {target_lib} side replays the numbers {source_lib} drew, "
              "so the two can be compared (the two generators never agree by themselves).",
        "zh": "随机数：{target_lib} 一侧重放了 {source_lib} 抽到的数，所以两边可以比较"
              "（两个库的随机数生成器本身永远不会给出相同的数）。",
    },
    "compare.random_not_replayed": {
        "en": "Random numbers: {function} on the {target_lib} side had no matching draw from "
              "{source_lib} to replay, so it drew its own numbers and the values will differ.",
        "zh": "随机数：{target_lib} 一侧的 {function} 找不到 {source_lib} 抽到的、形状相符的数来重放，"
              "只好自己抽取，所以数值会不同。",
    },
    "compare.runs_learner_code": {
        "en": "{name} is your own code (a function you wrote, a method bound to one of your objects, "
              "or your own class): the {target_lib} translation would run it a second time and change "
              "your objects twice, so this line runs in {source_lib} only, and its results are copied "
              "to the {target_lib} side for the lines after it.",
        "zh": "{name} 是你自己的代码（你写的函数、绑定在你的某个对象上的方法，或你定义的类）："
              "运行 {target_lib} 译文会把它再运行一次，你的对象就会被改动两次，所以这一行只在 {source_lib} "
              "中运行，它的结果再复制给 {target_lib} 一侧，供后面的行继续比较。",
    },
    "compare.runs_once": {
        "en": "`{call}` acts outside the arrays (printing, files, Python's random, a list or object of "
              "yours): it ran once, in {source_lib}, and its results are copied to the {target_lib} side.",
        "zh": "`{call}` 作用在数组之外（打印、文件、Python 的 random、你的列表或对象）："
              "它只在 {source_lib} 中运行一次，结果再复制给 {target_lib} 一侧。",
    },
    "compare.empty": {
        "en": "{name}: empty() leaves whatever the memory held, so only the shape and dtype are compared.",
        "zh": "{name}：empty() 不初始化内存，内容是内存里原有的任意值，所以只比较形状和 dtype。",
    },
    "compare.no_tensor_for": {
        "en": "{name} is a NumPy array of {dtype}, which {target_lib} has no tensor for, "
              "so this line runs in {source_lib} only.",
        "zh": "{name} 是 {dtype} 类型的 NumPy 数组，{target_lib} 没有对应的张量，所以这一行只在 {source_lib} 中运行。",
    },
    "compare.printed": {"en": "printed", "zh": "打印的值"},
    "compare.no_array_for": {
        "en": "{name} is a {kind}, which has no values the {target_lib} side can hold, "
              "so this line runs in {source_lib} only.",
        "zh": "{name} 是 {kind}，{target_lib} 一侧无法保存它的值，所以这一行只在 {source_lib} 中运行。",
    },
    # values that have no elements to show (values.py)
    "values.nested": {
        "en": "nested tensor of {count} tensors, shapes {shapes}",
        "zh": "嵌套张量，含 {count} 个张量，形状为 {shapes}",
    },
    "values.meta": {
        "en": "no data: a tensor on the meta device has a shape and a dtype only",
        "zh": "没有数据：meta 设备上的张量只有形状和 dtype",
    },
}
