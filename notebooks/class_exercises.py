"""Exercises for one class, shipped beside the notebook: `%exercise --load class_exercises.py`.

Each is data: the given values, a reference solution and the answer names. No checker is written;
a wrong answer is compared with the solution's by meaning and the mistake is named.
"""
import d2l_magics as dm

dm.define_exercise(
    "center-columns",
    setup="X = torch.arange(12.0).reshape(4, 3)",
    solution="C = X - X.mean(dim=0)",
    answers="C",
    title={"en": "Center each column", "zh": "让每一列的均值为 0"},
    prompt={"en": "Subtract from each column of `X` its mean; put the result in `C`, shape (4, 3).",
            "zh": "把 `X` 的每一列减去该列的均值，结果放在 `C` 中，形状 (4, 3)。"},
    hints=[{"en": "Which axis disappears when you take the column means?", "zh": "求各列均值时，哪个轴会消失？"},
           {"en": "`X.mean(dim=0)` has shape (3,); it broadcasts down the rows.",
            "zh": "`X.mean(dim=0)` 的形状是 (3,)；它会沿着行方向广播。"}],
)

dm.define_exercise(
    "unit-rows",
    setup="V = torch.tensor([[3.0, 4.0], [6.0, 8.0], [5.0, 12.0]])",
    solution="U = V / torch.linalg.vector_norm(V, dim=1, keepdim=True)",
    answers="U",
    title={"en": "Rows of length 1", "zh": "长度为 1 的行"},
    prompt={"en": "Divide each row of `V` by its L2 norm; put the result in `U`, shape (3, 2).",
            "zh": "把 `V` 的每一行除以它的 L2 范数，结果放在 `U` 中，形状 (3, 2)。"},
)
