"""Random draws replayed across ``%%compare_np``: through tensor methods and distributions too."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from compare_helpers import statuses

MULTINOMIAL_SAMPLE = torch.distributions.Multinomial.sample


def note_ids(report):
    return {note.id for note in report.notes}


@pytest.mark.parametrize("cell, options", [
    ("Z = np.random.uniform(-10, 10, 10)\nR = np.floor(Z)", "--from numpy"),
    ("Z = np.random.uniform(0, 1, (5, 5))\nW = np.random.uniform(2, 3, (5, 5))\nS = Z @ W", "--from numpy"),
    ("Z = np.random.uniform(-1.0, 1.0, 100)\nnp.negative(Z, out=Z)", "--from numpy"),
    ("c = np.random.multinomial(10, [0.2, 0.3, 0.5])\nt = c.sum()", "--from numpy"),
    # ``Uniform.sample`` scales a ``torch.rand`` of its own: only the sample is the learner's draw
    ("d = torch.distributions.Uniform(-2.0, 3.0).sample((4, 2))\nm = d.mean(dim=0)", ""),
    ("w = torch.empty(3, 4)\nw.uniform_(-1, 1)\nv = w.sum()", ""),
    ("w = torch.zeros(6).uniform_()\nv = w * 2", ""),
])
def test_uniform_and_multinomial_draws_reach_the_other_side(magic, ip, cell, options):
    ip.run_cell("import numpy as np\nimport torch\nnp.random.seed(0)\ntorch.manual_seed(0)")
    result, report = magic(cell, options)
    assert result.error is None
    assert report.ok, statuses(report)
    assert "compare.random_replayed" in note_ids(report)
    assert "compare.random_not_replayed" not in note_ids(report)
    assert "uniform_" not in torch.Tensor.__dict__ and "sample" not in torch.distributions.Uniform.__dict__


def test_from_numpy_the_learners_stream_is_theirs_and_torch_global_stream_is_unmoved(magic, ip):
    ip.run_cell("import numpy as np\nimport torch\nnp.random.seed(5)\ntorch.manual_seed(5)")
    magic("Z = np.random.uniform(0, 1, 4)\nc = np.random.multinomial(5, [0.5, 0.5])", "--from numpy")
    ip.run_cell("after = torch.rand(3)")
    np.random.seed(5)
    assert np.array_equal(ip.user_ns["Z"], np.random.uniform(0, 1, 4))
    torch.manual_seed(5)
    assert torch.equal(ip.user_ns["after"], torch.rand(3))
    assert "uniform_" not in torch.Tensor.__dict__  # the serving wrapper is gone
    assert torch.distributions.Multinomial.sample is MULTINOMIAL_SAMPLE
