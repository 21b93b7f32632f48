"""Validation of checklist files, one module per kind of file.

`combine.validate` is the entry point: each file is read and checked on its own (`files.check_file`
dispatches on ``kind:`` to `checklist`, `profile`, `sources`, `contacts`, or a data kind from the
`data.DATA_VALIDATORS` registry such as `funds`), then the files are checked together
(`combine`). Every problem is reported as ``FILE:LINE: message``. `base` holds what they share.
"""
