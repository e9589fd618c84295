"""Stage 1: read one YAML file into plain values and the position of every key.

`reader.read_yaml` is the entry point; `prechecks` refuses what would hurt the
parser before walking its events, `parser` types scalars the YAML 1.2 way, `syntax` turns
libyaml's errors into Vietnamese diagnostics placed where the mistake is.
"""
