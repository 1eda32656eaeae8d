"""Judging: cases read, judged against the compiled criteria, here or in worker processes."""
