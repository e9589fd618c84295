"""Stage 3: checks across files, once every file has its shape."""
