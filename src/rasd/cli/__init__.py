"""The command line: thin commands over the library (see `rasd --help`)."""
