"""MkDocs hook: Jinja keeps each compiled template of the theme and overrides/ between builds.

Compiling Material's templates costs about 0.3 s of every build (each `mkdocs serve` rebuild, each
build of the tests). The cache is Jinja's own: a folder under the temporary directory that only
this user may use (Jinja checks its owner and mode), each entry keyed by the template's name and
file and kept with the checksum of the source it was compiled from: an edited template compiles
afresh.
"""

import jinja2


def on_env(env, config, files):
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    return env
