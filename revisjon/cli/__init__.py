"""The command line: commands, Norwegian help and what the terminal shows."""
