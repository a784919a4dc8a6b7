"""Learner-facing sentences shared by every magic: mistakes in a magic's own line. Each id maps to
its English and Chinese text."""

MESSAGES: dict[str, dict[str, str]] = {
    "common.usage.bad_options": {
        "en": "{error} (see %{magic}? for the options)",
        "zh": "{error}（选项说明见 %{magic}?）",
    },
    "common.usage.unreadable_options": {
        "en": "cannot read the options: {error}",
        "zh": "无法读取选项：{error}",
    },
    "common.usage.empty_cell": {
        "en": "%%{magic} needs code in the cell below the magic line",
        "zh": "%%{magic} 需要在魔法命令下一行开始写代码，单元格目前是空的",
    },
    "common.usage.unknown_language": {
        "en": "unknown language {name!r}: choose one of {choices}",
        "zh": "未知语言 {name!r}：请选择 {choices} 之一",
    },
}
