"""Learner-facing sentences shared by every magic: mistakes in a magic's own line, and what the
magics say about a traceback. Each id maps to its English and Chinese text."""

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
    "common.usage.top_level_await": {
        "en": "%%{magic} runs a cell without IPython's autoawait: run the code with a top-level await in a cell of its own, without the magic",
        "zh": "%%{magic} 不支持 IPython 的 autoawait：请把含顶层 await 的代码放到单独的、不带魔法命令的单元格中运行",
    },
    "common.library_frames_folded": {
        "en": "[{count} frames inside the library are hidden; %xmode Verbose shows them]",
        "zh": "[已隐藏库内部的 {count} 个调用帧；%xmode Verbose 可显示它们]",
    },
    "common.labelled": {   # a label before its text (or over the lines after it): Chinese takes ：
        "en": "{label}: {text}",
        "zh": "{label}：{text}",
    },
    "common.usage.unknown_language": {
        "en": "unknown language {name!r}: choose one of {choices}",
        "zh": "未知语言 {name!r}：请选择 {choices} 之一",
    },
}
