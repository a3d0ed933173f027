"""Methods run by pygambit (an optional dependency), in a worker process that can be killed
at a time limit, every profile verified before it is reported.  Importing this package does
not import pygambit."""
