"""What a user does with findings besides reading them: fix them (`--fix`, `--diff`), hide the
accepted ones (suppression comments, `newslint_ignore`) and record them (a baseline).

The modules depend one way only, so none can import another in a circle and none imports the
command line: `suppression` reads a `baseline`; `fix` and `baseline` both write through
`atomic_write`.
"""
